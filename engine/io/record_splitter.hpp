// Splits the bytes of one input into records: the lines of NDJSON, or the elements of a JSON
// array. The event reader parses each record; the splitter only finds where records begin and
// end, with their line numbers.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "engine/io/byte_source.hpp"

namespace eql::detail {

// Bytes that may be read past the end of a record's text (simdjson reads ahead in blocks).
inline constexpr size_t kRecordPadding = 64;

struct Record {
    enum class Kind {
        kText,         // `text` contains the record
        kTooLong,      // the record is `length` bytes, over the limit; its bytes were dropped
        kStreamBreak,  // the gzip stream broke at `line`; the partial record there was dropped
    };
    Kind kind = Kind::kText;
    std::string_view text;       // kText: without the line end; kRecordPadding bytes follow it
    uint64_t line = 0;           // 1-based line where the record starts
    uint64_t length = 0;         // kTooLong: the record's size in bytes
    bool multiline = false;      // kText: the text contains line ends (array elements only)
    bool array_element = false;  // read as an element of a JSON array, not as a line
};

using RecordCallback = std::function<void(const Record&)>;

// A source of buffers for the splitter to read into, for callers that keep records after their
// callback returns. Without one, the splitter reuses a single buffer, so a record's text is
// valid only during its callback.
class BufferProvider {
public:
    virtual ~BufferProvider() = default;
    // Returns a buffer of *capacity bytes, at least `min_capacity`, followed by kRecordPadding
    // more bytes. The splitter moves the unfinished record there and reads on into it. It never
    // writes to an earlier buffer again, so every record emitted from one stays valid for as
    // long as the provider keeps that buffer.
    virtual char* Provide(size_t min_capacity, size_t* capacity) = 0;
};

struct SplitOptions {
    size_t max_record_bytes = size_t{16} << 20;  // longer records come as kTooLong
    size_t read_bytes = size_t{1} << 20;         // the minimum free space a read is given
    BufferProvider* buffers = nullptr;           // null: one reused buffer
};

// Reads `source` to its end and calls `on_record` for each non-blank record, in input order.
// The input is a JSON array (or a sequence of JSON values) when its first non-space character
// is '[', or when it starts with a line holding only '{' (a pretty-printed object); otherwise
// it is NDJSON. A leading UTF-8 byte-order mark and CRLF line ends are accepted. Records longer
// than `max_record_bytes` come as kTooLong. Returns false when the source fails with an I/O
// error, after the records before the failure; gzip failures come as a kStreamBreak record.
bool SplitRecords(ByteSource& source, size_t max_record_bytes, const RecordCallback& on_record);

// As above, with the read size and the buffers set by `options`.
bool SplitRecords(ByteSource& source, const SplitOptions& options,
                  const RecordCallback& on_record);

}  // namespace eql::detail
