// SplitRecords finds the records of a ByteSource: NDJSON lines, with memchr over large blocks,
// or JSON array elements, with a byte scanner that tracks strings and bracket depth. Each
// record stays contiguous in one growing buffer, or in one of the buffers a BufferProvider
// gives, so the parser reads it in place.
// Known gap: the array scanner reads byte by byte, at about a third of the NDJSON rate, so
// large inputs are faster as NDJSON.
#include "engine/io/record_splitter.hpp"

#include <algorithm>
#include <cstring>
#include <memory>

namespace eql::detail {

namespace {

constexpr size_t kBlockBytes = size_t{1} << 20;
constexpr size_t kInitialCapacity = 4 * kBlockBytes;
constexpr size_t kMinBlockBytes = 4096;

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool IsBlank(std::string_view text) {
    for (char c : text) {
        if (c != ' ' && c != '\t' && c != '\r') {
            return false;
        }
    }
    return true;
}

class RecordSplitter {
public:
    RecordSplitter(ByteSource& source, const SplitOptions& options,
                   const RecordCallback& on_record)
        : source_(source), max_record_bytes_(options.max_record_bytes),
          block_bytes_(options.read_bytes), provider_(options.buffers), on_record_(on_record) {}

    bool Run();

private:
    bool Fill();
    void CompactBuffer();
    void SwitchBuffer();
    bool DetectValues();
    void SplitLines();
    void SplitValues();
    void FinishLines(bool discarding, uint64_t discarded);
    bool EnsureByteAfter(size_t* position, bool in_element);
    void EmitLine(size_t begin, size_t end);
    void EmitElement(size_t end, uint64_t line, bool multiline);
    void EmitTooLong(uint64_t line, uint64_t length);
    void EmitBreakIfAny(uint64_t line);

    ByteSource& source_;
    size_t max_record_bytes_;
    size_t block_bytes_;           // the minimum free space a read is given
    BufferProvider* provider_;     // null: owned_ is the only buffer
    const RecordCallback& on_record_;

    // capacity_ bytes of data, then kRecordPadding spare bytes. Left uninitialised, because
    // simdjson accepts any padding bytes and data bytes are written before they are read.
    char* buffer_ = nullptr;
    std::unique_ptr<char[]> owned_;
    size_t capacity_ = 0;
    size_t begin_ = 0;          // start of the bytes still needed
    size_t end_ = 0;            // end of the bytes read
    uint64_t line_ = 1;         // line number at the scan position
    bool values_ = false;       // reading JSON values (array elements), not lines
};

bool RecordSplitter::Run() {
    // Small text in memory gets a buffer of its size, so that reading it allocates little.
    size_t known_size = source_.known_size();
    bool small = known_size > 0 && known_size < block_bytes_;
    if (small) {
        block_bytes_ = std::max(known_size + 1, kMinBlockBytes);
    }
    if (provider_ == nullptr) {
        capacity_ = small ? 2 * block_bytes_ : std::max(kInitialCapacity, 2 * block_bytes_);
        owned_.reset(new char[capacity_ + kRecordPadding]);
        buffer_ = owned_.get();
    }
    Fill();
    if (DetectValues()) {
        values_ = true;
        SplitValues();
    } else {
        SplitLines();
    }
    return source_.state() != ByteSource::State::kIoError;
}

// Makes room for a block after the bytes still needed, and reads more. Returns false when no
// byte came.
bool RecordSplitter::Fill() {
    if (provider_ == nullptr) {
        CompactBuffer();
    } else {
        SwitchBuffer();
    }
    size_t got = source_.Read(buffer_ + end_, capacity_ - end_);
    end_ += got;
    return got > 0;
}

// Moves the bytes from begin_ on to the front of the owned buffer, and grows it when less than
// a block is free.
void RecordSplitter::CompactBuffer() {
    size_t retained = end_ - begin_;
    if (begin_ > 0) {
        std::memmove(buffer_, buffer_ + begin_, retained);
        begin_ = 0;
        end_ = retained;
    }
    if (capacity_ - end_ < block_bytes_) {
        size_t capacity = std::max(capacity_ * 2, end_ + block_bytes_);
        std::unique_ptr<char[]> grown(new char[capacity + kRecordPadding]);
        std::memcpy(grown.get(), buffer_, end_);
        owned_ = std::move(grown);
        buffer_ = owned_.get();
        capacity_ = capacity;
    }
}

// Copies the bytes from begin_ on into a new buffer from the provider, so that the records
// emitted so far, and the padding after them, are never written again. The current buffer is
// kept while nothing of it was emitted (begin_ is 0) and a block is still free in it. A record
// that outgrows its buffer gets one twice its size, so a long line is copied O(log n) times.
void RecordSplitter::SwitchBuffer() {
    if (buffer_ != nullptr && begin_ == 0 && capacity_ - end_ >= block_bytes_) {
        return;
    }
    size_t retained = end_ - begin_;
    size_t requested = retained + block_bytes_;
    if (begin_ == 0) {
        requested = std::max(requested, 2 * capacity_);
    }
    size_t capacity = 0;
    char* next = provider_->Provide(requested, &capacity);
    if (retained > 0) {
        std::memcpy(next, buffer_ + begin_, retained);
    }
    buffer_ = next;
    capacity_ = capacity;
    begin_ = 0;
    end_ = retained;
}

// Skips a byte-order mark, then looks at the first non-space character to choose between
// NDJSON and a stream of JSON values. Leading blank lines are consumed and counted.
// Known gap: only the start of the input is looked at, so NDJSON followed by pretty-printed
// objects is read line by line, and each line of those objects is skipped as invalid JSON.
bool RecordSplitter::DetectValues() {
    while (end_ - begin_ < 3 && Fill()) {
    }
    if (end_ - begin_ >= 3 && std::memcmp(buffer_ + begin_, "\xEF\xBB\xBF", 3) == 0) {
        begin_ += 3;
    }

    size_t i = begin_;
    for (;;) {
        while (i < end_ && IsJsonSpace(buffer_[i])) {
            ++i;
        }
        if (i < end_) {
            break;
        }
        line_ += std::count(buffer_ + begin_, buffer_ + end_, '\n');
        begin_ = end_;
        if (!Fill()) {
            return false;
        }
        i = begin_;
    }

    if (buffer_[i] == '[') {
        return true;
    }
    if (buffer_[i] != '{') {
        return false;
    }
    size_t j = i + 1;
    while (j < end_ && (buffer_[j] == ' ' || buffer_[j] == '\t' || buffer_[j] == '\r')) {
        ++j;
    }
    return j < end_ && buffer_[j] == '\n';
}

void RecordSplitter::SplitLines() {
    bool discarding = false;   // the current line is over the limit and is being dropped
    uint64_t discarded = 0;    // bytes of it dropped so far
    bool discarded_cr = false;  // the last dropped byte was '\r'
    size_t scan = begin_;
    for (;;) {
        const char* base = buffer_;
        const void* found = std::memchr(base + scan, '\n', end_ - scan);
        if (found != nullptr) {
            size_t stop = static_cast<size_t>(static_cast<const char*>(found) - base);
            if (discarding) {
                bool cr = stop > begin_ ? base[stop - 1] == '\r' : discarded_cr;
                EmitTooLong(line_, discarded + (stop - begin_) - (cr ? 1 : 0));
                discarding = false;
            } else {
                EmitLine(begin_, stop);
            }
            ++line_;
            begin_ = scan = stop + 1;
            continue;
        }

        // No line end in the buffer: drop a line that is already too long (+1 for a '\r'),
        // then read more.
        if (discarding || end_ - begin_ > max_record_bytes_ + 1) {
            if (!discarding) {
                discarding = true;
                discarded = 0;
            }
            if (end_ > begin_) {
                discarded += end_ - begin_;
                discarded_cr = base[end_ - 1] == '\r';
            }
            begin_ = end_;
        }
        size_t scanned = end_ - begin_;
        if (!Fill()) {
            break;
        }
        scan = begin_ + scanned;
    }

    if (source_.state() == ByteSource::State::kEnd) {
        if (discarding) {
            EmitTooLong(line_, discarded - (discarded_cr ? 1 : 0));
        } else if (end_ > begin_) {
            EmitLine(begin_, end_);
        }
    }
    EmitBreakIfAny(line_);
}

// Makes sure that the byte after *position is in the buffer, reading more if needed. Returns
// false at the end of the input.
bool RecordSplitter::EnsureByteAfter(size_t* position, bool in_element) {
    if (*position + 1 < end_) {
        return true;
    }
    if (!in_element) {
        begin_ = *position;
    }
    size_t offset = *position - begin_;
    bool filled = Fill();
    *position = begin_ + offset;
    return filled && *position + 1 < end_;
}

void RecordSplitter::SplitValues() {
    enum class Kind { kContainer, kString, kScalar };
    bool outer_array_open = false;
    bool in_line_comment = false;
    bool in_block_comment = false;
    char previous = 0;

    bool in_element = false;
    Kind kind = Kind::kScalar;
    size_t depth = 0;
    bool in_string = false;
    bool escaped = false;
    bool multiline = false;
    uint64_t element_line = 0;
    bool discarding = false;
    uint64_t discarded = 0;

    auto finish_element = [&](size_t stop) {
        if (discarding) {
            EmitTooLong(element_line, discarded + (stop - begin_));
        } else {
            EmitElement(stop, element_line, multiline);
        }
        begin_ = stop;
        in_element = false;
    };

    size_t i = begin_;
    for (;;) {
        if (i == end_) {
            // Keep the element read so far, unless it is being dropped.
            if (!in_element) {
                begin_ = i;
            } else if (discarding) {
                discarded += i - begin_;
                begin_ = i;
            }
            size_t offset = i - begin_;
            if (!Fill()) {
                break;
            }
            i = begin_ + offset;
            continue;
        }
        char c = buffer_[i];

        // A bare scalar ends before the separator, which is then read between elements.
        if (in_element && kind == Kind::kScalar && (IsJsonSpace(c) || c == ',' || c == ']')) {
            finish_element(i);
            continue;
        }
        if (c == '\n') {
            ++line_;
            multiline = multiline || in_element;
        }

        if (in_element) {
            if (in_string) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    in_string = false;
                }
            } else if (kind == Kind::kContainer) {
                if (c == '"') {
                    in_string = true;
                } else if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    --depth;
                }
            }
            ++i;
            if (!discarding && i - begin_ > max_record_bytes_) {
                discarding = true;
                discarded = 0;
            }
            bool closed = kind == Kind::kContainer ? depth == 0 : (kind == Kind::kString && !in_string);
            if (closed) {
                finish_element(i);
            }
            continue;
        }

        // Between elements: space, commas, the outer brackets and comments.
        if (in_line_comment) {
            in_line_comment = c != '\n';
        } else if (in_block_comment) {
            in_block_comment = !(previous == '*' && c == '/');
            previous = c;
        } else if (IsJsonSpace(c) || c == ',') {
        } else if (c == '[' && !outer_array_open) {
            outer_array_open = true;
        } else if (c == ']' && outer_array_open) {
            outer_array_open = false;
        } else if (c == '/' && EnsureByteAfter(&i, false) &&
                   (buffer_[i + 1] == '/' || buffer_[i + 1] == '*')) {
            in_line_comment = buffer_[i + 1] == '/';
            in_block_comment = !in_line_comment;
            previous = 0;
            ++i;
        } else {
            in_element = true;
            begin_ = i;
            element_line = line_;
            multiline = false;
            discarding = false;
            escaped = false;
            kind = c == '{' || c == '[' ? Kind::kContainer
                                        : (c == '"' ? Kind::kString : Kind::kScalar);
            depth = kind == Kind::kContainer ? 1 : 0;
            in_string = kind == Kind::kString;
            ++i;
            continue;
        }
        ++i;
    }

    // An element cut by the end of the input still counts, and fails to parse.
    if (source_.state() == ByteSource::State::kEnd && in_element) {
        finish_element(end_);
    }
    EmitBreakIfAny(in_element ? element_line : line_);
}

void RecordSplitter::EmitLine(size_t begin, size_t end) {
    if (end > begin && buffer_[end - 1] == '\r') {
        --end;
    }
    std::string_view text(buffer_ + begin, end - begin);
    if (text.size() > max_record_bytes_) {
        EmitTooLong(line_, text.size());
        return;
    }
    if (text.empty() || (text[0] != '{' && IsBlank(text))) {
        return;
    }
    Record record;
    record.text = text;
    record.line = line_;
    on_record_(record);
}

void RecordSplitter::EmitElement(size_t end, uint64_t line, bool multiline) {
    Record record;
    record.text = std::string_view(buffer_ + begin_, end - begin_);
    record.line = line;
    record.multiline = multiline;
    record.array_element = true;
    on_record_(record);
}

void RecordSplitter::EmitTooLong(uint64_t line, uint64_t length) {
    Record record;
    record.kind = Record::Kind::kTooLong;
    record.line = line;
    record.length = length;
    record.array_element = values_;
    on_record_(record);
}

void RecordSplitter::EmitBreakIfAny(uint64_t line) {
    ByteSource::State state = source_.state();
    if (state != ByteSource::State::kTruncatedGzip && state != ByteSource::State::kCorruptGzip) {
        return;
    }
    Record record;
    record.kind = Record::Kind::kStreamBreak;
    record.line = line;
    on_record_(record);
}

}  // namespace

bool SplitRecords(ByteSource& source, size_t max_record_bytes, const RecordCallback& on_record) {
    SplitOptions options;
    options.max_record_bytes = max_record_bytes;
    return SplitRecords(source, options, on_record);
}

bool SplitRecords(ByteSource& source, const SplitOptions& options,
                  const RecordCallback& on_record) {
    RecordSplitter splitter(source, options, on_record);
    return splitter.Run();
}

}  // namespace eql::detail
