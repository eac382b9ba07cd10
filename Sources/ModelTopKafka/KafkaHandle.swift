import CKafka

/// Makes librdkafka clients the one way: settings applied in order (a refused one is an error
/// naming it), log lines dropped and client-wide errors kept (``newError(_:seen:)``).
enum KafkaHandle {
    /// A client of `type` with `settings`.
    /// - Throws: ``KafkaError`` naming a refused setting, or librdkafka's reason.
    static func make(_ type: rd_kafka_type_t, settings: [(String, String)])
        throws(KafkaError) -> (handle: OpaquePointer, errors: UnsafeMutablePointer<mt_kafka_errors>)
    {
        guard let conf = rd_kafka_conf_new() else { throw KafkaError("librdkafka: cannot make a configuration") }
        for (name, value) in settings {
            if let error = mt_kafka_conf_set(conf, name, value) {
                rd_kafka_conf_destroy(conf)
                throw KafkaError("--kafka-option \(name): \(String(cString: error))")
            }
        }
        guard let errors = mt_kafka_conf_errors(conf) else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError("librdkafka: out of memory")
        }
        var error = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(type, conf, &error, error.count) else {
            rd_kafka_conf_destroy(conf)
            mt_kafka_errors_free(errors)
            throw KafkaError("librdkafka: \(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
        return (handle, errors)
    }

    /// The last client-wide error in `errors` when its count moved past `seen`.
    static func newError(_ errors: UnsafeMutablePointer<mt_kafka_errors>, seen: inout UInt) -> String? {
        var text = [CChar](repeating: 0, count: 256)
        let count = mt_kafka_last_error(errors, &text, text.count)
        guard count != seen else { return nil }
        seen = count
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
