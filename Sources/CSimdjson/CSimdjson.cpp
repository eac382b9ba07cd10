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

/// The fields whose path starts with one top-level key, and what follows that key.
struct Route {
  std::string key;
  std::vector<std::pair<int, std::vector<std::string>>> fields;  // field, remaining keys
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

bool is_blank(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

mt_value value_of(element e) {
  mt_value v{};
  switch (e.type()) {
    case element_type::INT64: v.type = MT_NUMBER; v.number = double(int64_t(e.get_int64().value_unsafe())); break;
    case element_type::UINT64: v.type = MT_NUMBER; v.number = double(uint64_t(e.get_uint64().value_unsafe())); break;
    case element_type::DOUBLE: v.type = MT_NUMBER; v.number = e.get_double().value_unsafe(); break;
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
  return v;
}

}  // namespace

struct mt_decoder {
  simdjson::dom::parser parser;
  std::vector<Route> routes;
  std::vector<std::string> paths[MT_FIELD_COUNT];
  std::vector<mt_feature> features;
  const char *buffer = nullptr;
  size_t length = 0;
  size_t position = 0;
  size_t blank = 0;
  size_t line_limit = 1 << 20;

  mt_decoder() {
    static const char *const names[MT_FIELD_COUNT] = {
        "model", "ts", "version", "node", "prediction", "id",
        "score", "latency_ms", "label", "metric", "value", "features"};
    for (int f = 0; f < MT_FIELD_COUNT; f++) paths[f] = {names[f]};
    rebuild_routes();
  }

  void rebuild_routes() {
    routes.clear();
    for (int f = 0; f < MT_FIELD_COUNT; f++) {
      const auto &path = paths[f];
      Route *route = nullptr;
      for (auto &r : routes)
        if (r.key == path[0]) route = &r;
      if (!route) {
        routes.push_back(Route{path[0], {}});
        route = &routes.back();
      }
      route->fields.emplace_back(f, std::vector<std::string>(path.begin() + 1, path.end()));
    }
  }

  void extract(int field, element e, mt_record &record) {
    mt_value v = value_of(e);
    if (field == MT_FIELD_FEATURES && v.type == MT_OBJECT) {
      features.clear();
      // Copy the object out of the temporary result: a range-for over value_unsafe() would
      // iterate a dangling reference.
      simdjson::dom::object object = e.get_object().value_unsafe();
      for (auto entry : object) {
        features.push_back(mt_feature{value_of(entry.value), entry.key.data(),
                                      static_cast<uint32_t>(entry.key.size())});
      }
      v.length = static_cast<uint32_t>(features.size());
      record.features = features.data();
    }
    record.fields[field] = v;
  }

  void decode_line(const char *line, size_t n, mt_record &record) {
    std::memset(&record, 0, sizeof record);
    record.line = line;
    record.line_length = static_cast<uint32_t>(n);
    if (n > line_limit) {
      record.error = MT_ERROR_TOO_LONG;
      return;
    }
    element root;
    auto error = parser.parse(reinterpret_cast<const uint8_t *>(line), n, false).get(root);
    if (error) {
      record.error = classify(error);
      return;
    }
    simdjson::dom::object object;
    if (root.get_object().get(object)) {
      record.error = MT_ERROR_NOT_OBJECT;
      return;
    }
    for (auto entry : object) {
      for (const auto &route : routes) {
        if (route.key.size() != entry.key.size() || route.key != entry.key) continue;
        for (const auto &[field, rest] : route.fields) {
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
        break;
      }
    }
  }

  bool next(mt_record &record) {
    while (position < length) {
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
}

int mt_next(mt_decoder *decoder, mt_record *record) { return decoder->next(*record) ? 1 : 0; }

size_t mt_blank_lines(const mt_decoder *decoder) { return decoder->blank; }

}  // extern "C"
