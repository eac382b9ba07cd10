// A small C API over simdjson for decoding NDJSON lines into flat records.
//
// The caller hands over a buffer of lines with `mt_begin`, then calls `mt_next` for each
// non-blank line: the decoder parses it with simdjson's DOM parser (full validation) and
// extracts the schema fields named by configurable key paths. Strings point into the parser's
// buffers and stay valid until the next `mt_next`; nothing is allocated per line once the
// parser has grown to the longest line.
#ifndef MODELTOP_CSIMDJSON_H
#define MODELTOP_CSIMDJSON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Bytes that must be readable (any value) after the end of every buffer passed to `mt_begin`.
#define MT_PADDING 64

/// The JSON type of an extracted value.
typedef enum {
  MT_ABSENT = 0,  ///< the key path does not exist
  MT_NULL = 1,
  MT_BOOL = 2,
  MT_NUMBER = 3,
  MT_STRING = 4,
  MT_ARRAY = 5,
  MT_OBJECT = 6,
} mt_type;

/// How a number was written.
typedef enum {
  MT_NUMBER_DOUBLE = 0,  ///< with a fraction or an exponent
  MT_NUMBER_INT64 = 1,   ///< an integer that fits in int64_t: `integer` holds it exactly
  MT_NUMBER_UINT64 = 2,  ///< an integer above INT64_MAX that fits in uint64_t: `integer` holds it
} mt_number_kind;

/// One extracted value. Numbers are doubles (integers converted, correctly rounded); integers
/// are also kept exactly in `integer` (64-bit ids must not be compared as doubles). Strings
/// are unescaped UTF-8, `string` pointing into the parser (valid until the next `mt_next`), and
/// the 16 bytes after a string's end are always readable (simdjson pads its string buffer), so
/// short strings can be read as whole words. For the features field of type MT_OBJECT, `length`
/// is the number of entries. Only the members that `type` selects are meaningful.
typedef struct {
  union {
    const char *string;  ///< for MT_STRING
    uint64_t integer;    ///< for MT_NUMBER of kind MT_NUMBER_INT64 (two's complement) or _UINT64
  };
  double number;
  uint32_t length;
  uint8_t type;         ///< an mt_type
  uint8_t boolean;      ///< for MT_BOOL
  uint8_t number_kind;  ///< for MT_NUMBER: an mt_number_kind
} mt_value;

/// The schema fields a decoder extracts, each from a configurable key path.
typedef enum {
  MT_FIELD_MODEL = 0,
  MT_FIELD_TS,
  MT_FIELD_VERSION,
  MT_FIELD_NODE,
  MT_FIELD_PREDICTION,
  MT_FIELD_ID,
  MT_FIELD_SCORE,
  MT_FIELD_LATENCY,
  MT_FIELD_LABEL,
  MT_FIELD_METRIC,
  MT_FIELD_VALUE,
  MT_FIELD_FEATURES,
  MT_FIELD_COUNT
} mt_field;

/// Why a line could not be decoded; 0 means it parsed as a JSON object.
typedef enum {
  MT_OK = 0,
  MT_ERROR_SYNTAX = 1,       ///< not valid JSON (structure, literals such as NaN, trailing text)
  MT_ERROR_NUMBER = 2,       ///< a number out of range (beyond double, or an integer beyond 64 bits)
  MT_ERROR_UTF8 = 3,         ///< invalid UTF-8
  MT_ERROR_STRING = 4,       ///< a bad string escape or an unescaped control character
  MT_ERROR_NOT_OBJECT = 5,   ///< valid JSON, but not an object
  MT_ERROR_TOO_LONG = 6,     ///< longer than the decoder's line limit
  MT_ERROR_DEPTH = 7,        ///< nested too deeply
  MT_ERROR_OTHER = 8,
  MT_ERROR_INVALID_NUMBER = 9,  ///< a number token outside JSON's grammar (0x10, 01, 1., -Infinity)
} mt_error;

/// One entry of a features object. `name` is padded like a string value.
typedef struct {
  mt_value value;
  const char *name;
  uint32_t name_length;
} mt_feature;

/// One non-blank line.
typedef struct {
  mt_value fields[MT_FIELD_COUNT];
  const mt_feature *features;  ///< `fields[MT_FIELD_FEATURES].length` entries
  const char *line;            ///< the line in the caller's buffer
  uint32_t line_length;        ///< without the newline (and without a trailing '\r')
  int32_t error;               ///< an mt_error
} mt_record;

/// The value of `field` in `record` (Swift imports the fixed array as a tuple).
static inline const mt_value *mt_record_field(const mt_record *record, int field) {
  return &record->fields[field];
}

typedef struct mt_decoder mt_decoder;

/// A new decoder with the default key paths (each field is the top-level key of its name,
/// `latency_ms` for MT_FIELD_LATENCY). Returns NULL when out of memory.
mt_decoder *mt_decoder_create(void);
void mt_decoder_destroy(mt_decoder *decoder);

/// Sets the key path of `field`: `count` NUL-terminated keys, outermost first. Returns 0, or -1
/// when `count` is 0 or `field` is out of range.
int mt_decoder_set_path(mt_decoder *decoder, mt_field field, const char *const *keys, size_t count);

/// Lines longer than `limit` bytes are reported as MT_ERROR_TOO_LONG without being parsed.
void mt_decoder_set_line_limit(mt_decoder *decoder, size_t limit);

/// Starts on `length` bytes of whole lines (the last may lack its newline). The buffer must be
/// followed by MT_PADDING readable bytes and stay unchanged until the last `mt_next`.
void mt_begin(mt_decoder *decoder, const char *buffer, size_t length);

/// Decodes the next non-blank line into `record`; returns 0 when there is none left. Blank
/// (whitespace-only) lines are skipped and counted (`mt_blank_lines`).
/// - Complexity: O(line length).
int mt_next(mt_decoder *decoder, mt_record *record);

/// Blank lines skipped since `mt_begin`.
size_t mt_blank_lines(const mt_decoder *decoder);

#ifdef __cplusplus
}
#endif

#endif
