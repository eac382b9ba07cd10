import Testing
import ModelTopKafka

/// `kafka://` URLs: brokers, topics, the start, and clear errors for the rest.
@Suite struct KafkaTargetTests {
    @Test func brokersTopicsAndStart() throws {
        let t = try KafkaTarget("kafka://b1:9092,b2:9092/inference,requests?from=earliest")
        #expect(t.brokers == "b1:9092,b2:9092")
        #expect(t.topics == ["inference", "requests"])
        #expect(t.start == .earliest)
        #expect(try KafkaTarget("kafka://localhost:9092/t").start == nil)
        let member = try KafkaTarget("kafka://b/t?group=modeltop-workers&from=latest")
        #expect(member.group == "modeltop-workers" && member.start == .latest)
        #expect(try KafkaTarget("kafka://b/t?from=-90m").start == .ago(5400))
        #expect(try KafkaTarget("kafka://b/t?from=-2d").start == .ago(172_800))
    }

    @Test(arguments: [
        ("kafka://b:9092", "no topic"),
        ("kafka:///t", "no broker"),
        ("kafka://b/t?from=-1x", "expected earliest, latest or a time back"),
        ("kafka://b/t?from=yesterday", "expected earliest, latest or a time back"),
        ("kafka://b/t?group=g&from=-1h", "a group resumes from its committed offsets"),
        ("kafka://b/t?group=", "unknown parameter"),
        ("kafka://b/t?color=red", "unknown parameter"),
        ("kafka://b/a,,b", "no topic"),
    ])
    func badURLsSayWhy(url: String, message: String) {
        do {
            _ = try KafkaTarget(url)
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.description.contains(message), "\(url): \(error.description)")
        }
    }
}
