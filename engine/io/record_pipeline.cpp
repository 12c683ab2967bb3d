// ParseInParallel: a splitter thread, worker threads and the calling thread around one queue
// of batches in input order. The splitter copies each record's text into its batch (with the
// padding simdjson needs) and decides the records that need no parse (too long, gzip breaks)
// itself. A batch is parsed whole by whichever thread claims it first; the calling thread
// delivers batches from the front of the queue only, so outcomes leave in input order.
#include "engine/io/record_pipeline.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace eql::detail {

namespace {

struct Batch {
    enum class State { kFilled, kParsing, kParsed };

    struct Entry {
        Record record;         // for kText, `text` is set once the batch is complete
        size_t offset = 0;     // of the text in `text`
        bool decided = false;  // the splitter filled `outcome` already
    };

    std::string text;
    std::vector<Entry> entries;
    std::vector<RecordOutcome> outcomes;
    State state = State::kFilled;
};

class Pipeline {
public:
    Pipeline(ByteSource& source, const PipelineOptions& options,
             std::vector<std::unique_ptr<RecordParser>>& parsers,
             const OutcomeCallback& on_outcome, const std::atomic<bool>& stop)
        : source_(source), options_(options), parsers_(parsers), on_outcome_(on_outcome),
          stop_(stop), splitter_parser_(parsers.front()->layout(), parsers.front()->options()) {
        splitter_parser_.SyncLayout();
    }

    bool Run() {
        std::thread splitter([this] { Split(); });
        std::vector<std::thread> workers;
        for (size_t i = 1; i < parsers_.size(); ++i) {
            workers.emplace_back([this, i] { Work(*parsers_[i]); });
        }
        Consume();
        splitter.join();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            finished_ = true;
        }
        work_ready_.notify_all();
        for (std::thread& worker : workers) {
            worker.join();
        }
        return split_ok_;
    }

private:
    // The splitter thread: fills batches and queues them, waiting while the queue is full.
    void Split() {
        auto batch = NewBatch();
        bool ok = SplitRecords(source_, options_.max_record_bytes, [&](const Record& record) {
            if (stop_.load(std::memory_order_relaxed)) {
                return;
            }
            Add(*batch, record);
            if (batch->entries.size() >= options_.batch_records ||
                batch->text.size() >= options_.batch_bytes) {
                Queue(std::move(batch));
                batch = NewBatch();
            }
        });
        if (!batch->entries.empty()) {
            Queue(std::move(batch));
        }
        std::lock_guard<std::mutex> lock(mutex_);
        split_ok_ = ok;
        split_done_ = true;
        batch_done_.notify_all();
        work_ready_.notify_all();
    }

    std::unique_ptr<Batch> NewBatch() const {
        auto batch = std::make_unique<Batch>();
        batch->text.reserve(options_.batch_bytes + (size_t{64} << 10));
        batch->entries.reserve(options_.batch_records);
        return batch;
    }

    void Add(Batch& batch, const Record& record) {
        Batch::Entry entry;
        entry.record = record;
        if (record.kind == Record::Kind::kText) {
            entry.offset = batch.text.size();
            batch.text.append(record.text);
            batch.text.append(kRecordPadding, ' ');
        } else {
            entry.decided = true;
            batch.outcomes.resize(batch.entries.size() + 1);
            splitter_parser_.Handle(record, source_, &batch.outcomes.back());
        }
        batch.entries.push_back(entry);
    }

    void Queue(std::unique_ptr<Batch> batch) {
        // The text is final now, so the records can point into it.
        for (Batch::Entry& entry : batch->entries) {
            if (entry.record.kind == Record::Kind::kText) {
                entry.record.text = std::string_view(batch->text.data() + entry.offset,
                                                     entry.record.text.size());
            }
        }
        batch->outcomes.resize(batch->entries.size());

        std::unique_lock<std::mutex> lock(mutex_);
        space_free_.wait(lock, [this] {
            return queue_.size() < options_.batches_in_flight || stop_.load();
        });
        queue_.push_back(std::move(batch));
        work_ready_.notify_one();
        batch_done_.notify_all();
    }

    void ParseBatch(Batch& batch, RecordParser& parser) {
        for (size_t i = 0; i < batch.entries.size(); ++i) {
            const Batch::Entry& entry = batch.entries[i];
            if (!entry.decided) {
                parser.Handle(entry.record, source_, &batch.outcomes[i]);
            }
        }
    }

    // A worker thread: claims the oldest batch nobody parses yet.
    void Work(RecordParser& parser) {
        std::unique_lock<std::mutex> lock(mutex_);
        while (true) {
            Batch* claimed = nullptr;
            work_ready_.wait(lock, [&] {
                claimed = FirstUnclaimed();
                return claimed != nullptr || finished_;
            });
            if (claimed == nullptr) {
                return;
            }
            claimed->state = Batch::State::kParsing;
            lock.unlock();
            ParseBatch(*claimed, parser);
            lock.lock();
            claimed->state = Batch::State::kParsed;
            batch_done_.notify_all();
        }
    }

    Batch* FirstUnclaimed() {
        for (std::unique_ptr<Batch>& batch : queue_) {
            if (batch->state == Batch::State::kFilled) {
                return batch.get();
            }
        }
        return nullptr;
    }

    // The calling thread: delivers the front batch once parsed, parsing it itself when no
    // worker has claimed it, and parsing later batches while a worker has the front one.
    void Consume() {
        while (true) {
            std::unique_ptr<Batch> batch = TakeFront();
            if (batch == nullptr) {
                return;
            }
            if (stop_.load(std::memory_order_relaxed)) {
                continue;
            }
            for (size_t i = 0; i < batch->entries.size(); ++i) {
                const Record& record = batch->entries[i].record;
                size_t bytes = record.kind == Record::Kind::kText ? record.text.size() : 0;
                on_outcome_(batch->outcomes[i], bytes);
            }
        }
    }

    std::unique_ptr<Batch> TakeFront() {
        std::unique_lock<std::mutex> lock(mutex_);
        while (true) {
            if (queue_.empty()) {
                if (split_done_) {
                    return nullptr;
                }
                batch_done_.wait(lock);
                continue;
            }
            Batch& front = *queue_.front();
            if (front.state == Batch::State::kFilled) {
                front.state = Batch::State::kParsing;
                lock.unlock();
                ParseBatch(front, *parsers_.front());
                lock.lock();
                front.state = Batch::State::kParsed;
            }
            if (front.state == Batch::State::kParsed) {
                std::unique_ptr<Batch> taken = std::move(queue_.front());
                queue_.pop_front();
                space_free_.notify_one();
                return taken;
            }

            // A worker parses the front batch: parse a later one meanwhile rather than wait.
            if (Batch* later = FirstUnclaimed()) {
                later->state = Batch::State::kParsing;
                lock.unlock();
                ParseBatch(*later, *parsers_.front());
                lock.lock();
                later->state = Batch::State::kParsed;
                continue;
            }
            batch_done_.wait(lock);
        }
    }

    ByteSource& source_;
    const PipelineOptions& options_;
    std::vector<std::unique_ptr<RecordParser>>& parsers_;
    const OutcomeCallback& on_outcome_;
    const std::atomic<bool>& stop_;
    RecordParser splitter_parser_;  // decides the records that need no parse

    std::mutex mutex_;
    std::condition_variable work_ready_;  // a batch was queued, or the run is over
    std::condition_variable batch_done_;  // a batch was parsed or queued, or splitting ended
    std::condition_variable space_free_;  // the consumer took a batch
    std::deque<std::unique_ptr<Batch>> queue_;
    bool split_done_ = false;
    bool split_ok_ = true;
    bool finished_ = false;
};

}  // namespace

bool ParseInParallel(ByteSource& source, const PipelineOptions& options,
                     std::vector<std::unique_ptr<RecordParser>>& parsers,
                     const OutcomeCallback& on_outcome, const std::atomic<bool>& stop) {
    Pipeline pipeline(source, options, parsers, on_outcome, stop);
    return pipeline.Run();
}

}  // namespace eql::detail
