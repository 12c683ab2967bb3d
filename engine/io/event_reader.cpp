// EventReader: splits each input into records (record_splitter.cpp), turns each record into an
// Event or a SkippedLine (record_parser.cpp) on one thread or several (record_pipeline.cpp),
// and delivers them in input order with the running statistics. Entry points ReadFile and
// ReadText.
//
// Input is read in blocks of 1 MiB or more (plain read(2), or zlib inflate for gzip). On one
// thread, records are parsed in place in one reused buffer. Several threads read into pooled
// buffers that the batches of records hold (record_pipeline.cpp), and parse there too.
#include "engine/io/event_reader.hpp"

#include <algorithm>
#include <atomic>

#include "engine/io/byte_source.hpp"
#include "engine/io/record_parser.hpp"
#include "engine/io/record_pipeline.hpp"
#include "engine/io/record_splitter.hpp"

namespace eql {

class EventReader::Impl {
public:
    Impl(const EventLayout& layout, ReadOptions options);

    void Read(detail::ByteSource& source, const std::string& name, const EventCallback& on_event,
              const SkipCallback& on_skip, bool* io_ok);

    const std::atomic<bool>* cancel() const { return options_.cancel; }
    bool Cancelled() const {
        return options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed);
    }

    ReadStats stats;
    std::atomic<bool> stop{false};
    uint64_t bytes_delivered = 0;
    uint64_t input_bytes_done = 0;  // as stored, of the inputs read to their end

private:
    void Deliver(detail::RecordOutcome& outcome, size_t text_bytes);
    void CountSkip(std::string_view reason);

    const EventLayout& layout_;
    ReadOptions options_;
    std::vector<std::unique_ptr<detail::RecordParser>> parsers_;  // the calling thread's first
    uint64_t next_input_order_ = 0;
    // The reason of the last skip and its count in stats.skipped, since runs of lines tend to
    // share a reason (most often kPrefiltered). Map nodes stay put, so the pointer stays valid.
    std::string_view last_reason_;
    uint64_t* last_reason_count_ = nullptr;

    // The read in progress.
    std::shared_ptr<const std::string> file_;
    const EventCallback* on_event_ = nullptr;
    const SkipCallback* on_skip_ = nullptr;
    const detail::ByteSource* source_ = nullptr;
};

EventReader::Impl::Impl(const EventLayout& layout, ReadOptions options)
    : layout_(layout), options_(options), next_input_order_(options.first_input_order) {
    unsigned threads = std::max(1u, options_.threads);
    for (unsigned i = 0; i < threads; ++i) {
        parsers_.push_back(std::make_unique<detail::RecordParser>(layout_, options_));
    }
}

void EventReader::Impl::Read(detail::ByteSource& source, const std::string& name,
                             const EventCallback& on_event, const SkipCallback& on_skip,
                             bool* io_ok) {
    for (const std::unique_ptr<detail::RecordParser>& parser : parsers_) {
        parser->SyncLayout();
    }
    file_ = std::make_shared<const std::string>(name);
    on_event_ = &on_event;
    on_skip_ = &on_skip;
    source_ = &source;

    if (parsers_.size() == 1) {
        detail::RecordParser& parser = *parsers_.front();
        detail::RecordOutcome outcome;
        auto on_record = [&](const detail::Record& record) {
            if (stop.load(std::memory_order_relaxed) || Cancelled()) {
                return;
            }
            parser.Handle(record, source, &outcome);
            bool text = record.kind == detail::Record::Kind::kText;
            Deliver(outcome, text ? record.text.size() : 0);
        };
        *io_ok = detail::SplitRecords(source, options_.max_line_bytes, on_record);
    } else {
        detail::PipelineOptions pipeline;
        pipeline.max_record_bytes = options_.max_line_bytes;
        *io_ok = detail::ParseInParallel(
            source, pipeline, parsers_,
            [this](detail::RecordOutcome& outcome, size_t text_bytes) {
                Deliver(outcome, text_bytes);
            },
            stop);
    }
    on_event_ = nullptr;
    on_skip_ = nullptr;
    source_ = nullptr;
    input_bytes_done += source.input_bytes_read();
}

void EventReader::Impl::Deliver(detail::RecordOutcome& outcome, size_t text_bytes) {
    if (stop.load(std::memory_order_relaxed) || Cancelled()) {
        return;
    }
    ++stats.lines;
    bytes_delivered += text_bytes;
    if (options_.on_progress && stats.lines % 4096 == 0) {
        options_.on_progress(stats.lines, input_bytes_done + source_->input_bytes_read());
    }
    if (outcome.event != nullptr) {
        outcome.event->file = file_;
        outcome.event->input_order = next_input_order_++;
        ++stats.events;
        if (*on_event_) {
            (*on_event_)(std::move(outcome.event));
        }
        return;
    }

    if (outcome.filtered) {
        ++stats.events;
        ++stats.events_filtered;
        return;
    }
    CountSkip(outcome.reason);
    if (outcome.reason == skip_reason::kPrefiltered || !*on_skip_) {
        return;
    }
    SkippedLine skipped;
    skipped.file = *file_;
    skipped.line = outcome.line;
    skipped.reason = std::string(outcome.reason);
    skipped.message = std::move(outcome.message);
    (*on_skip_)(skipped);
}

void EventReader::Impl::CountSkip(std::string_view reason) {
    if (last_reason_count_ == nullptr || reason != last_reason_) {
        last_reason_ = reason;
        last_reason_count_ = &stats.skipped[std::string(reason)];
    }
    ++*last_reason_count_;
}

EventReader::EventReader(const EventLayout& layout, ReadOptions options)
    : impl_(std::make_unique<Impl>(layout, options)) {}

EventReader::~EventReader() = default;

bool EventReader::ReadFile(const std::string& path, const EventCallback& on_event,
                           const SkipCallback& on_skip, std::string* error) {
    detail::ByteSource source;
    source.SetCancel(impl_->cancel());
    if (!source.OpenFile(path, error)) {
        return false;
    }
    std::string name = path == "-" ? "<stdin>" : path;
    bool io_ok = true;
    impl_->Read(source, name, on_event, on_skip, &io_ok);
    if (!io_ok) {
        *error = "failed to read '" + name + "': " + source.failure();
    }
    return io_ok;
}

void EventReader::ReadText(const std::string& name, std::string_view text,
                           const EventCallback& on_event, const SkipCallback& on_skip) {
    detail::ByteSource source;
    source.SetCancel(impl_->cancel());
    source.OpenMemory(text);
    bool io_ok = true;
    impl_->Read(source, name, on_event, on_skip, &io_ok);
}

const ReadStats& EventReader::stats() const { return impl_->stats; }

void EventReader::Stop() { impl_->stop.store(true); }

uint64_t EventReader::bytes_delivered() const { return impl_->bytes_delivered; }

bool EventReader::cancelled() const { return impl_->Cancelled(); }

}  // namespace eql
