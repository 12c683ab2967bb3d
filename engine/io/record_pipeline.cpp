// ParseInParallel: a splitter thread, worker threads and the calling thread around one queue
// of batches in input order. The splitter reads the input into buffers from a BlockPool, and a
// batch's records point into the one buffer that the batch refers to, so no record is copied. The
// splitter decides the records that need no parse (too long, gzip breaks) itself. A batch is
// parsed whole by whichever thread claims it first, which parks its events in the batch. The
// calling thread delivers batches from the front of the queue only, so outcomes leave in
// input order. It copies each parked event into a new one as it delivers it, and then
// recycles the batch.
#include "engine/io/record_pipeline.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "engine/io/block_pool.hpp"

namespace eql::detail {

namespace {

struct Batch {
    enum class State { kFilled, kParsing, kParsed };

    // Clears the batch for reuse. The vectors keep their capacity.
    void Clear() {
        text.reset();
        records.clear();
        text_bytes = 0;
        state = State::kFilled;
    }

    std::shared_ptr<const void> text;  // the buffer that every kText record points into
    std::vector<Record> records;
    std::vector<RecordOutcome> outcomes;  // by record; the splitter fills those of non-text ones
    // The kept events, in record order, that the outcomes point to. A deque, so that growing
    // it moves no event. They keep their buffers when the batch is reused.
    std::deque<Event> parked;
    size_t text_bytes = 0;                // of all records' texts
    State state = State::kFilled;
};

class Pipeline {
public:
    Pipeline(ByteSource& source, const PipelineOptions& options,
             std::vector<std::unique_ptr<RecordParser>>& parsers,
             const OutcomeCallback& on_outcome, const std::atomic<bool>& stop)
        : source_(source), options_(options), parsers_(parsers), on_outcome_(on_outcome),
          stop_(stop), splitter_parser_(parsers.front()->layout(), parsers.front()->options()),
          blocks_(options.block_bytes) {
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
    // The splitter thread: fills batches and queues them, waiting while the queue is full. A
    // batch ends where the splitter moves on to a new buffer, so it needs one hold only.
    void Split() {
        SplitOptions split;
        split.max_record_bytes = options_.max_record_bytes;
        split.read_bytes = options_.read_bytes;
        split.buffers = &blocks_;
        std::unique_ptr<Batch> batch = NewBatch();
        bool ok = SplitRecords(source_, split, [&](const Record& record) {
            if (stop_.load(std::memory_order_relaxed)) {
                return;
            }
            if (!batch->records.empty() && batch->text.get() != blocks_.newest_address()) {
                Queue(std::move(batch));
                batch = NewBatch();
            }
            Add(*batch, record);
            if (batch->records.size() >= options_.batch_records ||
                batch->text_bytes >= options_.batch_bytes) {
                Queue(std::move(batch));
                batch = NewBatch();
            }
        });
        if (!batch->records.empty()) {
            Queue(std::move(batch));
        }
        std::lock_guard<std::mutex> lock(mutex_);
        split_ok_ = ok;
        split_done_ = true;
        batch_done_.notify_all();
        work_ready_.notify_all();
    }

    // Returns a recycled batch, or a new one.
    std::unique_ptr<Batch> NewBatch() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!free_batches_.empty()) {
                std::unique_ptr<Batch> batch = std::move(free_batches_.back());
                free_batches_.pop_back();
                return batch;
            }
        }
        auto batch = std::make_unique<Batch>();
        batch->records.reserve(options_.batch_records);
        return batch;
    }

    void Recycle(std::unique_ptr<Batch> batch) {
        batch->Clear();
        std::lock_guard<std::mutex> lock(mutex_);
        free_batches_.push_back(std::move(batch));
    }

    void Add(Batch& batch, const Record& record) {
        if (batch.records.empty()) {
            batch.text = blocks_.Newest();
        }
        batch.records.push_back(record);
        if (record.kind == Record::Kind::kText) {
            batch.text_bytes += record.text.size();
            return;
        }
        if (batch.outcomes.size() < batch.records.size()) {
            batch.outcomes.resize(batch.records.size());
        }
        splitter_parser_.Handle(record, source_, &batch.outcomes[batch.records.size() - 1]);
    }

    void Queue(std::unique_ptr<Batch> batch) {
        batch->outcomes.resize(batch->records.size());
        std::unique_lock<std::mutex> lock(mutex_);
        space_free_.wait(lock, [this] {
            return queue_.size() < options_.batches_in_flight || stop_.load();
        });
        queue_.push_back(std::move(batch));
        work_ready_.notify_one();
        batch_done_.notify_all();
    }

    void ParseBatch(Batch& batch, RecordParser& parser) {
        size_t parked = 0;
        for (size_t i = 0; i < batch.records.size(); ++i) {
            const Record& record = batch.records[i];
            if (record.kind != Record::Kind::kText) {
                continue;
            }
            if (batch.parked.size() == parked) {
                batch.parked.emplace_back();
            }
            parser.Handle(record, source_, &batch.outcomes[i], &batch.parked[parked]);
            parked += batch.outcomes[i].parked != nullptr ? 1 : 0;
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
            if (!stop_.load(std::memory_order_relaxed)) {
                Deliver(*batch);
            }
            Recycle(std::move(batch));
        }
    }

    void Deliver(Batch& batch) {
        for (size_t i = 0; i < batch.records.size(); ++i) {
            const Record& record = batch.records[i];
            size_t bytes = record.kind == Record::Kind::kText ? record.text.size() : 0;
            RecordOutcome& outcome = batch.outcomes[i];
            if (outcome.parked != nullptr) {
                outcome.event = RecordParser::Unpark(*outcome.parked);
                outcome.parked = nullptr;
            }
            on_outcome_(outcome, bytes);
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
    BlockPool blocks_;              // declared before the batches, which hold its buffers

    std::mutex mutex_;
    std::condition_variable work_ready_;  // a batch was queued, or the run is over
    std::condition_variable batch_done_;  // a batch was parsed or queued, or splitting ended
    std::condition_variable space_free_;  // the consumer took a batch
    std::deque<std::unique_ptr<Batch>> queue_;
    std::vector<std::unique_ptr<Batch>> free_batches_;  // delivered, for the splitter to reuse
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
