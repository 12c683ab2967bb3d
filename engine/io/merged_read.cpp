// ReadMerged: one reading thread per file hands batches of events to the calling thread, which
// merges the files' events by clock-0 timestamp with a heap of each file's next event.
#include "engine/io/merged_read.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>
#include <utility>

namespace eql {

namespace {

constexpr size_t kBatchEvents = 256;
// Batches a file may have waiting for the merge, so a file that runs ahead in time stops
// reading until the others catch up.
constexpr size_t kQueuedBatches = 8;
// Event::input_order of a file's first event is its index shifted by this much.
constexpr int kFileOrderShift = 40;
// Events delivered between two progress reports.
constexpr uint64_t kProgressInterval = 4096;
// Maximum wait for a file's next batch between two progress reports, so that the progress line
// moves on through stretches of input where no event passes a stage.
constexpr auto kProgressWait = std::chrono::milliseconds(100);

// The batches of one file on their way from its reading thread to the merge.
class BatchQueue {
public:
    // Waits while the queue is full. Returns false, dropping the batch, once the merge stopped.
    bool Push(std::vector<EventPtr> batch) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return stopped_ || batches_.size() < kQueuedBatches; });
        if (stopped_) {
            return false;
        }
        batches_.push_back(std::move(batch));
        changed_.notify_all();
        return true;
    }

    // Marks the end of the file.
    void Close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        changed_.notify_all();
    }

    // Waits for the next batch, calling `while_waiting` every kProgressWait meanwhile. Returns
    // false when the file ended and every batch was taken.
    bool Pop(std::vector<EventPtr>& batch, const std::function<void()>& while_waiting) {
        std::unique_lock lock(mutex_);
        while (!changed_.wait_for(lock, kProgressWait,
                                  [this] { return closed_ || !batches_.empty(); })) {
            lock.unlock();
            while_waiting();
            lock.lock();
        }
        if (batches_.empty()) {
            return false;
        }
        batch = std::move(batches_.front());
        batches_.pop_front();
        changed_.notify_all();
        return true;
    }

    // Wakes a waiting Push and makes every later one fail.
    void Stop() {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        batches_.clear();
        changed_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::vector<EventPtr>> batches_;
    bool closed_ = false;
    bool stopped_ = false;
};

// One file: its reader and thread, and the merge's place in its events.
struct FileRead {
    std::string path;
    std::unique_ptr<EventReader> reader;
    BatchQueue queue;
    std::thread thread;

    // Written by the reading thread; read after it ended.
    bool ok = true;
    std::string error;
    std::vector<SkippedLine> skips;              // the first few of each reason
    std::map<std::string, uint64_t> skip_counts;  // by reason

    // Written by the reading thread; read by the merge for progress.
    std::atomic<uint64_t> records{0};
    std::atomic<uint64_t> bytes{0};

    // The merge's batch of this file, and the position of the file's next event in it.
    std::vector<EventPtr> batch;
    size_t next = 0;
    int64_t last_key = std::numeric_limits<int64_t>::min();
};

// Reads one file on its own thread into its queue, in batches.
void ReadIntoQueue(FileRead& file, uint64_t skips_kept_per_reason) {
    std::vector<EventPtr> batch;
    bool open = true;
    auto on_event = [&](EventPtr event) {
        batch.push_back(std::move(event));
        if (batch.size() < kBatchEvents) {
            return;
        }
        open = file.queue.Push(std::move(batch));
        batch = {};
        if (!open) {
            file.reader->Stop();
        }
    };
    auto on_skip = [&](const SkippedLine& skipped) {
        if (file.skip_counts[skipped.reason]++ < skips_kept_per_reason) {
            file.skips.push_back(skipped);
        }
    };

    file.ok = file.reader->ReadFile(file.path, on_event, on_skip, &file.error);
    if (open && !batch.empty()) {
        file.queue.Push(std::move(batch));
    }
    file.queue.Close();
}

// The merge order of a file's next event: its clock-0 timestamp, or without one the key of
// the event before it, so that it stays in place within its file.
int64_t MergeKey(FileRead& file) {
    const Event& event = *file.batch[file.next];
    if (!event.ordinals.empty() && event.ordinals[0].has_timestamp) {
        file.last_key = event.ordinals[0].timestamp_ns;
    }
    return file.last_key;
}

void AddStats(ReadStats& total, const ReadStats& part) {
    total.lines += part.lines;
    total.events += part.events;
    total.events_filtered += part.events_filtered;
    for (const auto& [reason, count] : part.skipped) {
        total.skipped[reason] += count;
    }
}

class Merge {
public:
    Merge(const ReadOptions& options, const std::function<bool(EventPtr)>& on_event)
        : options_(options), on_event_(on_event) {}

    // Delivers every file's events in merge order. Returns false when on_event asked to stop
    // or the reading was cancelled.
    bool Run(std::vector<std::unique_ptr<FileRead>>& files) {
        files_ = &files;
        using Head = std::pair<int64_t, size_t>;  // merge key, file index
        std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
        for (size_t i = 0; i < files.size(); ++i) {
            if (Advance(*files[i])) {
                heads.emplace(MergeKey(*files[i]), i);
            }
        }

        while (!heads.empty()) {
            size_t index = heads.top().second;
            heads.pop();
            FileRead& file = *files[index];
            if (Cancelled() || !on_event_(std::move(file.batch[file.next++]))) {
                return false;
            }
            if (++delivered_ % kProgressInterval == 0) {
                ReportProgress();
            }
            if (Advance(file)) {
                heads.emplace(MergeKey(file), index);
            }
        }
        return true;
    }

private:
    bool Cancelled() const {
        return options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed);
    }

    // Makes the file's next event current. Returns false when the file has no more events.
    bool Advance(FileRead& file) {
        if (file.next < file.batch.size()) {
            return true;
        }
        file.batch.clear();
        file.next = 0;
        return file.queue.Pop(file.batch, [this] { ReportProgress(); });
    }

    void ReportProgress() {
        if (!options_.on_progress) {
            return;
        }
        uint64_t records = 0;
        uint64_t bytes = 0;
        for (const std::unique_ptr<FileRead>& file : *files_) {
            records += file->records.load(std::memory_order_relaxed);
            bytes += file->bytes.load(std::memory_order_relaxed);
        }
        options_.on_progress(records, bytes);
    }

    const ReadOptions& options_;
    const std::function<bool(EventPtr)>& on_event_;
    const std::vector<std::unique_ptr<FileRead>>* files_ = nullptr;
    uint64_t delivered_ = 0;
};

// Starts a reader and its thread for each file.
std::vector<std::unique_ptr<FileRead>> StartReading(const std::vector<std::string>& paths,
                                                    const EventLayout& layout,
                                                    const ReadOptions& options,
                                                    uint64_t skips_kept_per_reason) {
    std::vector<std::unique_ptr<FileRead>> files;
    for (size_t i = 0; i < paths.size(); ++i) {
        auto file = std::make_unique<FileRead>();
        file->path = paths[i];
        ReadOptions file_options = options;
        file_options.first_input_order = uint64_t{i} << kFileOrderShift;
        FileRead* target = file.get();
        file_options.on_progress = [target](uint64_t records, uint64_t bytes) {
            target->records.store(records, std::memory_order_relaxed);
            target->bytes.store(bytes, std::memory_order_relaxed);
        };
        file->reader = std::make_unique<EventReader>(layout, file_options);
        files.push_back(std::move(file));
    }
    for (std::unique_ptr<FileRead>& file : files) {
        file->thread = std::thread(ReadIntoQueue, std::ref(*file), skips_kept_per_reason);
    }
    return files;
}

}  // namespace

MergedReadResult ReadMerged(const std::vector<std::string>& files, const EventLayout& layout,
                            const ReadOptions& options, uint64_t skips_kept_per_reason,
                            const std::function<bool(EventPtr)>& on_event,
                            const EventReader::SkipCallback& on_skip) {
    MergedReadResult result;
    if (files.empty()) {
        return result;
    }
    std::vector<std::unique_ptr<FileRead>> reads =
        StartReading(files, layout, options, skips_kept_per_reason);

    // Merge, then stop the readers that are still going and wait for every thread.
    Merge merge(options, on_event);
    result.stopped = !merge.Run(reads);
    for (std::unique_ptr<FileRead>& read : reads) {
        if (result.stopped) {
            read->reader->Stop();
            read->queue.Stop();
        }
        read->thread.join();
    }

    // Totals, the first error and the kept skips, in file order.
    for (std::unique_ptr<FileRead>& read : reads) {
        AddStats(result.stats, read->reader->stats());
        if (!read->ok && result.error.empty()) {
            result.failed_file = read->path;
            result.error = read->error;
        }
    }
    if (on_skip) {
        for (std::unique_ptr<FileRead>& read : reads) {
            for (const SkippedLine& skipped : read->skips) {
                on_skip(skipped);
            }
        }
    }
    return result;
}

}  // namespace eql
