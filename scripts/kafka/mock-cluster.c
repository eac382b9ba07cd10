// A librdkafka mock cluster on loopback for modeltop's Kafka tests (no network, no broker).
//
//   cc -o mock-cluster mock-cluster.c -lrdkafka && ./mock-cluster BROKERS
//
// Prints "bootstrap HOST:PORT,..." and then reads commands from standard input, one per line,
// answering each with a line:
//   topic NAME PARTITIONS           creates a topic                      -> "ok"
//   produce TOPIC FILE [PARTITION]  each line of FILE a message, round-robin over the
//                                   partitions or all to PARTITION        -> "produced N"
//   produce-headers TOPIC FILE      each line "NAME=VALUE&NAME=VALUE<TAB>MESSAGE": a message
//                                   with those headers, all to partition 0 -> "produced N"
//   produce-keyed TOPIC FILE        each line "KEY<TAB>MESSAGE": a message with that key (the
//                                   partitioner keeps a key in one partition) -> "produced N"
//   down BROKER_ID / up BROKER_ID   a broker goes down or comes back      -> "ok"
// It exits at the end of standard input.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int partitions_of(rd_kafka_t *rk, const char *topic) {
    rd_kafka_topic_t *t = rd_kafka_topic_new(rk, topic, NULL);
    const struct rd_kafka_metadata *md = NULL;
    int n = 1;
    if (rd_kafka_metadata(rk, 0, t, &md, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (md->topic_cnt == 1 && md->topics[0].partition_cnt > 0) n = md->topics[0].partition_cnt;
        rd_kafka_metadata_destroy(md);
    }
    rd_kafka_topic_destroy(t);
    return n;
}

enum mode { PLAIN, HEADERS, KEYED };

// Produces each line of `path` to `topic` and waits for delivery: PLAIN lines round-robin over
// the partitions (or all to `fixed`), HEADERS lines "NAME=VALUE&...<TAB>MESSAGE" to partition 0,
// KEYED lines "KEY<TAB>MESSAGE" where the default partitioner puts the key. -1: no such file.
static int produce_file(rd_kafka_t *rk, const char *topic, const char *path, enum mode mode, int fixed) {
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    int count = partitions_of(rk, topic), produced = 0;
    char *message = NULL;
    size_t size = 0;
    ssize_t len;
    while ((len = getline(&message, &size, f)) > 0) {
        if (message[len - 1] == '\n') message[--len] = 0;
        char *value = message, *key = NULL;
        size_t key_len = 0;
        rd_kafka_headers_t *headers = NULL;
        int32_t partition = fixed >= 0 ? fixed : produced % count;
        if (mode != PLAIN) {
            char *tab = strchr(message, '\t');
            if (!tab) continue;
            *tab = 0;
            value = tab + 1;
            if (mode == KEYED) {
                key = message;
                key_len = (size_t)(tab - message);
                partition = RD_KAFKA_PARTITION_UA;
            } else {
                headers = rd_kafka_headers_new(8);
                for (char *pair = strtok(message, "&"); pair; pair = strtok(NULL, "&")) {
                    char *eq = strchr(pair, '=');
                    if (eq) { *eq = 0; rd_kafka_header_add(headers, pair, -1, eq + 1, -1); }
                }
                partition = 0;
            }
        }
        while (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition), RD_KAFKA_V_KEY(key, key_len),
                                 RD_KAFKA_V_VALUE(value, strlen(value)), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                 RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            rd_kafka_poll(rk, 10);
        }
        produced++;
    }
    free(message);
    fclose(f);
    rd_kafka_flush(rk, 30000);
    return produced;
}

int main(int argc, char **argv) {
    char error[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (rd_kafka_conf_set(conf, "test.mock.num.brokers", argc > 1 ? argv[1] : "3", error, sizeof error) != RD_KAFKA_CONF_OK ||
        rd_kafka_conf_set(conf, "linger.ms", "5", error, sizeof error) != RD_KAFKA_CONF_OK) {
        fprintf(stderr, "mock-cluster: %s\n", error);
        return 1;
    }
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
    if (!rk) {
        fprintf(stderr, "mock-cluster: %s\n", error);
        return 1;
    }
    rd_kafka_mock_cluster_t *cluster = rd_kafka_handle_mock_cluster(rk);
    printf("bootstrap %s\n", rd_kafka_mock_cluster_bootstraps(cluster));
    fflush(stdout);
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        char command[32] = "", a[1024] = "", b[1024] = "";
        int n = sscanf(line, "%31s %1023s %1023s", command, a, b);
        if (n >= 3 && strcmp(command, "topic") == 0) {
            rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster, a, atoi(b), 1);
            printf(err ? "error %s\n" : "ok\n", rd_kafka_err2str(err));
        } else if (n >= 3 && strncmp(command, "produce", 7) == 0) {
            enum mode mode = strcmp(command, "produce-headers") == 0 ? HEADERS
                           : strcmp(command, "produce-keyed") == 0   ? KEYED : PLAIN;
            char rest[64] = "";
            int fixed = sscanf(line, "%*s %*s %*s %63s", rest) == 1 ? atoi(rest) : -1;
            int produced = produce_file(rk, a, b, mode, fixed);
            if (produced < 0) printf("error cannot open %s\n", b);
            else printf("produced %d\n", produced);
        } else if (n >= 2 && (strcmp(command, "down") == 0 || strcmp(command, "up") == 0)) {
            rd_kafka_resp_err_t err = strcmp(command, "down") == 0 ? rd_kafka_mock_broker_set_down(cluster, atoi(a))
                                                                   : rd_kafka_mock_broker_set_up(cluster, atoi(a));
            printf(err ? "error %s\n" : "ok\n", rd_kafka_err2str(err));
        } else {
            printf("error unknown command\n");
        }
        fflush(stdout);
    }
    rd_kafka_destroy(rk);
    return 0;
}
