// librdkafka for ModelTopKafka, the only target that uses it.
#include <librdkafka/rdkafka.h>
#include <stddef.h>

// Sets a configuration property; returns NULL, or the error text (static storage per thread).
static inline const char *mt_kafka_conf_set(rd_kafka_conf_t *conf, const char *name, const char *value) {
    static __thread char error[512];
    if (rd_kafka_conf_set(conf, name, value, error, sizeof error) != RD_KAFKA_CONF_OK) return error;
    return NULL;
}

// The number of partitions of `topic`, or -1 (the error in `err`).
static inline int mt_kafka_partition_count(rd_kafka_t *rk, const char *topic, int timeout_ms, rd_kafka_resp_err_t *err) {
    rd_kafka_topic_t *handle = rd_kafka_topic_new(rk, topic, NULL);
    if (!handle) { *err = rd_kafka_last_error(); return -1; }
    const struct rd_kafka_metadata *md = NULL;
    *err = rd_kafka_metadata(rk, 0, handle, &md, timeout_ms);
    int count = -1;
    if (*err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) count = md->topics[0].partition_cnt;
        else *err = md->topic_cnt == 1 ? md->topics[0].err : RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC;
        rd_kafka_metadata_destroy(md);
    }
    rd_kafka_topic_destroy(handle);
    return count;
}

// librdkafka's own log lines would land on the terminal under the dashboard: they are dropped,
// and client-wide errors (brokers down, authentication) are kept for the source to report.
#include <pthread.h>
#include <string.h>
#include <stdlib.h>

typedef struct mt_kafka_errors {
    pthread_mutex_t lock;
    char text[256];
    unsigned long count;
} mt_kafka_errors;

static inline void mt_kafka_log_nothing(const rd_kafka_t *rk, int level, const char *facility, const char *line) {
    (void)rk; (void)level; (void)facility; (void)line;
}

static inline void mt_kafka_keep_error(rd_kafka_t *rk, int err, const char *reason, void *opaque) {
    (void)rk; (void)err;
    mt_kafka_errors *errors = (mt_kafka_errors *)opaque;
    pthread_mutex_lock(&errors->lock);
    strncpy(errors->text, reason, sizeof errors->text - 1);
    errors->text[sizeof errors->text - 1] = 0;
    errors->count++;
    pthread_mutex_unlock(&errors->lock);
}

// Quiet logging and error keeping for `conf`; the returned store lives as long as the handle.
static inline mt_kafka_errors *mt_kafka_conf_errors(rd_kafka_conf_t *conf) {
    mt_kafka_errors *errors = (mt_kafka_errors *)calloc(1, sizeof *errors);
    if (!errors) return NULL;
    pthread_mutex_init(&errors->lock, NULL);
    rd_kafka_conf_set_log_cb(conf, mt_kafka_log_nothing);
    rd_kafka_conf_set_error_cb(conf, mt_kafka_keep_error);
    rd_kafka_conf_set_opaque(conf, errors);
    return errors;
}

// The number of errors so far, and the last one's text into `out`.
static inline unsigned long mt_kafka_last_error(mt_kafka_errors *errors, char *out, size_t size) {
    pthread_mutex_lock(&errors->lock);
    strncpy(out, errors->text, size - 1);
    out[size - 1] = 0;
    unsigned long count = errors->count;
    pthread_mutex_unlock(&errors->lock);
    return count;
}

// Header `index` of `message`: 0 and its name and value, or -1 past the last one.
static inline int mt_kafka_header(rd_kafka_message_t *message, size_t index, const char **name, const void **value,
                                  size_t *size) {
    rd_kafka_headers_t *headers = NULL;
    if (rd_kafka_message_headers(message, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR || !headers) return -1;
    return rd_kafka_header_get_all(headers, index, name, value, size) == RD_KAFKA_RESP_ERR_NO_ERROR ? 0 : -1;
}

static inline void mt_kafka_errors_free(mt_kafka_errors *errors) {
    if (!errors) return;
    pthread_mutex_destroy(&errors->lock);
    free(errors);
}
