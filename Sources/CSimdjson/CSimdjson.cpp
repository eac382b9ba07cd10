// C++ side of the CSimdjson shim. The only file in modeltop that includes simdjson.
#include "CSimdjson.h"

#include <simdjson.h>

#include <cstring>
#include <new>
#include <string>
#include <vector>

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "Key::matches masks the first bytes as the low bytes");

/// A key to look for, kept so that most comparisons are one or two word compares.
struct Key {
  std::string text;
  uint64_t words[2] = {0, 0};  // the first 16 bytes, zero-padded

  explicit Key(std::string k) : text(std::move(k)) {
    std::memcpy(words, text.data(), std::min<size_t>(text.size(), sizeof words));
  }

  /// Whether `key` equals this key. `key` must be followed by 16 readable bytes (simdjson's
  /// string buffer is padded), so short keys are compared a word at a time without branching
  /// on each byte.
  bool matches(std::string_view key) const {
    size_t n = text.size();
    if (key.size() != n) return false;
    if (n > 16) return std::memcmp(key.data(), text.data(), n) == 0;
    uint64_t w[2];
    std::memcpy(w, key.data(), sizeof w);
    uint64_t mask0 = n >= 8 ? ~uint64_t(0) : (uint64_t(1) << (8 * n)) - 1;
    uint64_t mask1 = n >= 16 ? ~uint64_t(0) : n <= 8 ? 0 : (uint64_t(1) << (8 * (n - 8))) - 1;
    return ((w[0] & mask0) ^ words[0]) == 0 && ((w[1] & mask1) ^ words[1]) == 0;
  }
};

/// The fields whose path starts with one top-level key, and what follows that key.
struct Route {
  Key key;
  std::vector<std::pair<int, std::vector<std::string>>> fields;  // field, remaining keys
  int direct = -1;  // the field, when it is the only one and its path is just `key`
};

mt_error classify(simdjson::error_code code) {
  switch (code) {
    case simdjson::SUCCESS: return MT_OK;
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE: return MT_ERROR_NUMBER;
    case simdjson::UTF8_ERROR: return MT_ERROR_UTF8;
    case simdjson::STRING_ERROR:
    case simdjson::UNESCAPED_CHARS:
    case simdjson::UNCLOSED_STRING: return MT_ERROR_STRING;
    case simdjson::DEPTH_ERROR: return MT_ERROR_DEPTH;
    case simdjson::CAPACITY: return MT_ERROR_TOO_LONG;
    case simdjson::TAPE_ERROR:
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
    case simdjson::EMPTY:
    case simdjson::INCORRECT_TYPE: return MT_ERROR_SYNTAX;
    default: return MT_ERROR_OTHER;
  }
}

/// Whether `token` follows JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(const char *p, size_t n) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < n && p[i] >= '0' && p[i] <= '9') i++;
    return i > start;
  };
  if (i < n && p[i] == '-') i++;
  if (i < n && p[i] == '0') {
    i++;
  } else if (!digits()) {
    return false;
  }
  if (i < n && p[i] == '.') {
    i++;
    if (!digits()) return false;
  }
  if (i < n && (p[i] == 'e' || p[i] == 'E')) {
    i++;
    if (i < n && (p[i] == '+' || p[i] == '-')) i++;
    if (!digits()) return false;
  }
  return i == n;
}

/// Whether a line that failed with a number error holds a value token that starts like a
/// number (`-` or a digit) but breaks the grammar: "invalid number" (`0x10`, `01`, `1.`,
/// `-Infinity`) rather than "number out of range" (`1e400`, 2^64). Strings are skipped.
/// - Complexity: O(n), only on lines that already failed.
bool has_invalid_number(const char *p, size_t n) {
  bool in_string = false;
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (in_string) {
      if (c == '\\') i++;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t end = i;
      while (end < n && !std::strchr(",]} \t\r\n:", p[end])) end++;
      if (!is_json_number(p + i, end - i)) return true;
      i = end - 1;
    }
  }
  return false;
}

bool is_blank(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

/// Writes `e` into `v` in place (returning the struct by value, then copying it, stalls on
/// store forwarding because its small fields are written apart and read back as one word).
inline __attribute__((always_inline)) void value_of(element e, mt_value &v) {
  switch (e.type()) {
    case element_type::INT64: {
      int64_t i = e.get_int64().value_unsafe();
      v.type = MT_NUMBER;
      v.number = double(i);
      v.integer = uint64_t(i);
      v.number_kind = MT_NUMBER_INT64;
      break;
    }
    case element_type::UINT64: {
      uint64_t u = e.get_uint64().value_unsafe();
      v.type = MT_NUMBER;
      v.number = double(u);
      v.integer = u;
      v.number_kind = MT_NUMBER_UINT64;
      break;
    }
    case element_type::DOUBLE: v.type = MT_NUMBER; v.number = e.get_double().value_unsafe(); v.number_kind = MT_NUMBER_DOUBLE; break;
    case element_type::BOOL: v.type = MT_BOOL; v.boolean = e.get_bool().value_unsafe() ? 1 : 0; break;
    case element_type::NULL_VALUE: v.type = MT_NULL; break;
    case element_type::STRING: {
      std::string_view s = e.get_string().value_unsafe();
      v.type = MT_STRING;
      v.string = s.data();
      v.length = static_cast<uint32_t>(s.size());
      break;
    }
    case element_type::ARRAY: v.type = MT_ARRAY; break;
    case element_type::OBJECT: v.type = MT_OBJECT; break;
  }
}

}  // namespace

struct mt_decoder {
  simdjson::dom::parser parser;
  std::vector<Route> routes;
  std::vector<std::string> paths[MT_FIELD_COUNT];
  std::vector<mt_feature> features;
  const char *buffer = nullptr;
  size_t length = 0;
  size_t position = 0;  // start of the first line not yet reported
  size_t blank = 0;
  size_t line_limit = 1 << 20;

  // Fast path: simdjson's parse_many over the rest of the buffer (one stage-1 pass for many
  // lines). Any document that is not exactly one line, and any error, falls back to parsing
  // line by line from the line where the stream went wrong, since a malformed line can throw
  // stage 1 off for what follows. The stream is restarted after such a line a few times.
  simdjson::dom::parser stream_parser;
  simdjson::dom::document_stream stream;
  simdjson::dom::document_stream::iterator it;
  bool streaming = false;
  bool advance = false;      // step `it` before reading the next document
  size_t stream_offset = 0;  // where the current stream starts in `buffer`
  size_t slow_until = 0;     // parse line by line up to here
  int restarts = 0;
  static constexpr int max_restarts = 8;
  static constexpr size_t min_stream_bytes = 16 * 1024;

  mt_decoder() {
    static const char *const names[MT_FIELD_COUNT] = {
        "model", "ts", "version", "node", "prediction", "id",
        "score", "latency_ms", "label", "metric", "value", "features"};
    for (int f = 0; f < MT_FIELD_COUNT; f++) paths[f] = {names[f]};
    rebuild_routes();
  }

  /// Routes by key length and first byte: `first_route` holds a route index + 1 (0: none),
  /// `next_route` chains routes that share a cell. Most keys are decided by one comparison.
  static constexpr size_t table_lengths = 32;
  uint8_t first_route[table_lengths][128] = {};
  std::vector<uint8_t> next_route;

  static bool in_table(std::string_view key) {
    return !key.empty() && key.size() < table_lengths && static_cast<unsigned char>(key[0]) < 128;
  }

  void rebuild_routes() {
    std::memset(first_route, 0, sizeof first_route);
    routes.clear();
    for (int f = 0; f < MT_FIELD_COUNT; f++) {
      const auto &path = paths[f];
      Route *route = nullptr;
      for (auto &r : routes)
        if (r.key.text == path[0]) route = &r;
      if (!route) {
        routes.push_back(Route{Key(path[0]), {}});
        route = &routes.back();
      }
      route->fields.emplace_back(f, std::vector<std::string>(path.begin() + 1, path.end()));
    }
    std::fill(std::begin(expected), std::end(expected), nullptr);
    next_route.assign(routes.size(), 0);
    for (size_t r = routes.size(); r-- > 0;) {
      Route &route = routes[r];
      if (route.fields.size() == 1 && route.fields[0].second.empty()) route.direct = route.fields[0].first;
      std::string_view key = route.key.text;
      if (!in_table(key)) continue;
      uint8_t &cell = first_route[key.size()][static_cast<unsigned char>(key[0])];
      next_route[r] = cell;
      cell = uint8_t(r + 1);
    }
  }

  /// The route matched at each position of the previous line's top-level object.
  static constexpr size_t max_expected = 16;
  const Route *expected[max_expected] = {};

  /// The route whose key is `key`, if any.
  const Route *route_for(std::string_view key) const {
    if (in_table(key)) {
      for (uint8_t r = first_route[key.size()][static_cast<unsigned char>(key[0])]; r != 0; r = next_route[r - 1])
        if (routes[r - 1].key.matches(key)) return &routes[r - 1];
      return nullptr;
    }
    for (const auto &route : routes)
      if (route.key.matches(key)) return &route;
    return nullptr;
  }

  /// Fills `record.fields[field]` (reset to absent) from `e`.
  __attribute__((always_inline)) void extract(int field, element e, mt_record &record) {
    mt_value &v = record.fields[field];
    value_of(e, v);
    if (field == MT_FIELD_FEATURES && v.type == MT_OBJECT) {
      // Copy the object out of the temporary result: a range-for over value_unsafe() would
      // iterate a dangling reference.
      simdjson::dom::object object = e.get_object().value_unsafe();
      size_t count = 0;
      for (auto entry : object) {
        if (count == features.size()) features.resize(features.size() * 2 + 16);
        mt_feature &feature = features[count++];
        value_of(entry.value, feature.value);
        feature.name = entry.key.data();
        feature.name_length = static_cast<uint32_t>(entry.key.size());
      }
      v.length = static_cast<uint32_t>(count);
      record.features = features.data();
    }
  }

  /// Starts `record` on a line: every field absent, no error. Only the types are cleared (the
  /// other members of a value are read only for the type that sets them).
  static void reset(mt_record &record, const char *line, size_t n) {
    for (auto &field : record.fields) field.type = MT_ABSENT;
    record.features = nullptr;
    record.line = line;
    record.line_length = static_cast<uint32_t>(n);
    record.error = MT_OK;
  }

  void decode_line(const char *line, size_t n, mt_record &record) {
    reset(record, line, n);
    if (n > line_limit) {
      record.error = MT_ERROR_TOO_LONG;
      return;
    }
    element root;
    auto error = parser.parse(reinterpret_cast<const uint8_t *>(line), n, false).get(root);
    if (error) {
      record.error = classify(error);
      if (record.error == MT_ERROR_NUMBER && has_invalid_number(line, n)) record.error = MT_ERROR_INVALID_NUMBER;
      return;
    }
    decode_root(root, record);
  }

  void decode_root(element root, mt_record &record) {
    simdjson::dom::object object;
    if (root.get_object().get(object)) {
      record.error = MT_ERROR_NOT_OBJECT;
      return;
    }
    size_t index = 0;
    for (auto entry : object) {
      // Lines mostly repeat their keys in the same order: try the route of the previous line's
      // key at this position first.
      const Route *route = nullptr;
      if (index < max_expected) {
        const Route *guess = expected[index];
        route = guess && guess->key.matches(entry.key) ? guess : route_for(entry.key);
        expected[index++] = route;
      } else {
        route = route_for(entry.key);
      }
      if (!route) continue;
      if (route->direct >= 0) {
        extract(route->direct, entry.value, record);
        continue;
      }
      for (const auto &[field, rest] : route->fields) {
        element e = entry.value;
        bool found = true;
        for (const auto &key : rest) {
          if (e.type() != element_type::OBJECT || e[key].get(e)) {
            found = false;
            break;
          }
        }
        if (found) extract(field, e, record);
      }
    }
  }

  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

  /// Starts parse_many at `position` when enough is left to be worth it.
  void start_stream() {
    streaming = false;
    if (restarts >= max_restarts || length - position < min_stream_bytes) {
      slow_until = length;
      return;
    }
    restarts++;
    size_t rest = length - position;
    auto error = stream_parser.parse_many(reinterpret_cast<const uint8_t *>(buffer + position), rest,
                                          std::max<size_t>(rest, simdjson::dom::MINIMAL_BATCH_SIZE)).get(stream);
    if (error) {
      slow_until = length;
      return;
    }
    it = stream.begin();
    advance = false;
    streaming = true;
  }

  /// The next record from the stream, or false when the stream ended or went wrong (then
  /// `slow_until` says how far to go line by line).
  bool next_streamed(mt_record &record) {
    // The record handed out last points into the parser: advance (which parses the next
    // document over it) only now.
    if (advance) {
      ++it;
      advance = false;
    }
    while (it != stream.end()) {
      auto result = *it;
      size_t start = stream_offset + it.current_index();
      element root;
      if (result.get(root) || start < position) {
        break;  // an error, or a second document on a line already reported
      }
      std::string_view source = it.source();
      size_t end = start + source.size();
      while (end > start && is_space(buffer[end - 1])) end--;
      // Everything from `position` to the document must be blank lines or indentation.
      size_t blanks = 0;
      bool clean = true;
      for (size_t i = position; i < start; i++) {
        if (buffer[i] == '\n') blanks++;
        else if (!is_space(buffer[i])) clean = false;
      }
      // The first newline after the document's start ends its line: the document must end
      // before it, with only spaces in between.
      const char *nl = static_cast<const char *>(std::memchr(buffer + start, '\n', length - start));
      size_t line_end = nl ? size_t(nl - buffer) : length;
      if (line_end < end || !is_blank(buffer + end, line_end - end)) clean = false;
      if (!clean || end - start > line_limit) break;
      blank += blanks;
      reset(record, buffer + start, end - start);
      decode_root(root, record);
      position = nl ? line_end + 1 : length;
      advance = true;
      return true;
    }
    // Stopped (the end, an error, or a document that is not one line): go line by line through
    // the next non-blank line, which is the one that stopped the stream, then try again.
    streaming = false;
    size_t scan = position;
    while (scan < length) {
      const char *e = static_cast<const char *>(std::memchr(buffer + scan, '\n', length - scan));
      size_t line_end = e ? size_t(e - buffer) : length;
      if (!is_blank(buffer + scan, line_end - scan)) { slow_until = line_end + 1; break; }
      scan = line_end + 1;
    }
    if (scan >= length) slow_until = length;
    return false;
  }

  bool next(mt_record &record) {
    for (;;) {
      if (streaming) {
        if (next_streamed(record)) return true;
      }
      if (position >= length) return false;
      if (position >= slow_until) {
        stream_offset = position;
        start_stream();
        if (streaming) continue;
      }
      if (next_line(record)) return true;
    }
  }

  /// One line by the slow path (up to `slow_until`).
  bool next_line(mt_record &record) {
    while (position < length && position < slow_until) {
      const char *start = buffer + position;
      const void *nl = std::memchr(start, '\n', length - position);
      size_t end = nl ? size_t(static_cast<const char *>(nl) - buffer) : length;
      size_t n = end - position;
      position = end + 1;
      if (n > 0 && start[n - 1] == '\r') n--;
      if (is_blank(start, n)) {
        blank++;
        continue;
      }
      decode_line(start, n, record);
      return true;
    }
    return false;
  }
};

extern "C" {

mt_decoder *mt_decoder_create(void) { return new (std::nothrow) mt_decoder(); }

void mt_decoder_destroy(mt_decoder *decoder) { delete decoder; }

int mt_decoder_set_path(mt_decoder *decoder, mt_field field, const char *const *keys, size_t count) {
  if (count == 0 || field < 0 || field >= MT_FIELD_COUNT) return -1;
  decoder->paths[field].assign(keys, keys + count);
  decoder->rebuild_routes();
  return 0;
}

void mt_decoder_set_line_limit(mt_decoder *decoder, size_t limit) { decoder->line_limit = limit; }

void mt_begin(mt_decoder *decoder, const char *buffer, size_t length) {
  decoder->buffer = buffer;
  decoder->length = length;
  decoder->position = 0;
  decoder->blank = 0;
  decoder->streaming = false;
  decoder->slow_until = 0;
  decoder->restarts = 0;
}

int mt_next(mt_decoder *decoder, mt_record *record) { return decoder->next(*record) ? 1 : 0; }

size_t mt_blank_lines(const mt_decoder *decoder) { return decoder->blank; }

}  // extern "C"
