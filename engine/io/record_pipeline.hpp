// Parsing records on several threads with the results handed on in input order, for the event
// reader. One thread reads the input into pooled buffers and splits it into batches of
// records, worker threads parse whole batches, and the calling thread takes the batches in
// order (parsing one itself when no worker has started it yet). The results are the same as
// on one thread.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "engine/io/byte_source.hpp"
#include "engine/io/record_parser.hpp"

namespace eql::detail {

struct PipelineOptions {
    size_t max_record_bytes = 0;    // as for SplitRecords
    size_t batch_records = 512;     // a batch is handed on at this many records...
    size_t batch_bytes = 1 << 20;   // ...or this many bytes of text, whichever comes first
    size_t batches_in_flight = 4;   // the splitter waits while this many are not yet taken
    size_t read_bytes = 1 << 20;    // the minimum free space a read of the input is given
    size_t block_bytes = 2 << 20;   // the size of the buffers the input is read into
};

// Called on the calling thread for every record, in input order. `text_bytes` is the size of
// the record's text (0 for records without text).
using OutcomeCallback = std::function<void(RecordOutcome& outcome, size_t text_bytes)>;

// Reads `source` to its end. `parsers` holds one parser per parsing thread, the calling
// thread's first; each must be synced to the layout. `stop`, once set, makes the rest of the
// input split without being parsed or delivered. Returns what SplitRecords returns.
bool ParseInParallel(ByteSource& source, const PipelineOptions& options,
                     std::vector<std::unique_ptr<RecordParser>>& parsers,
                     const OutcomeCallback& on_outcome, const std::atomic<bool>& stop);

}  // namespace eql::detail
