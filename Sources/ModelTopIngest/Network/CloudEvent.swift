import Foundation
import ModelTopText

/// A CloudEvent received over HTTP: its attributes (`specversion`, `id`, `type`, `source`,
/// `time` and extensions such as KServe's `inferenceservicename`) and its data.
///
/// Binary mode carries the attributes in `ce-*` headers and the data as the body; structured
/// mode (`application/cloudevents+json`) carries both in one JSON object, and batch mode
/// (`application/cloudevents-batch+json`) an array of those (CloudEvents HTTP binding 1.0).
public struct CloudEvent: Sendable, Equatable {
    /// Attribute names in lower case, values as text.
    public var attributes: [String: String]
    /// The payload: JSON text for the inference exchanges and events modeltop reads.
    public var data: [UInt8]

    public init(attributes: [String: String], data: [UInt8]) {
        self.attributes = attributes
        self.data = data
    }

    public var type: String { attributes["type"] ?? "" }

    /// The event in binary mode, or nil when `headers` (lower-case names) have no
    /// `ce-specversion`. Header values are percent-decoded, as the binding requires.
    public init?(headers: [String: String], body: [UInt8]) {
        guard headers["ce-specversion"] != nil else { return nil }
        var attributes: [String: String] = [:]
        for (name, value) in headers where name.hasPrefix("ce-") {
            attributes[String(name.dropFirst(3))] = Self.percentDecoded(value)
        }
        if let type = headers["content-type"] { attributes["datacontenttype"] = type }
        self.init(attributes: attributes, data: body)
    }

    /// The event in structured mode, or nil when `json` is not an object with `specversion`.
    public init?(structured json: JSONValue) {
        guard let members = json.members, members.contains(where: { $0.0 == "specversion" }) else { return nil }
        var attributes: [String: String] = [:]
        var data: [UInt8] = []
        for (name, value) in members {
            switch name {
            case "data":
                data = value.stringValue.map { Array($0.utf8) } ?? Array(value.rendered().utf8)
            case "data_base64":
                data = value.stringValue.flatMap { Data(base64Encoded: $0) }.map { Array($0) } ?? []
            default:
                attributes[name.lowercased()] = value.stringValue ?? value.rendered()
            }
        }
        self.init(attributes: attributes, data: data)
    }

    /// The events of a batch-mode body (an array of structured events); nil when it is not one.
    public static func batch(_ json: JSONValue) -> [CloudEvent]? {
        guard let elements = json.elements else { return nil }
        var events: [CloudEvent] = []
        for element in elements {
            guard let event = CloudEvent(structured: element) else { return nil }
            events.append(event)
        }
        return events
    }

    /// `%XX` sequences decoded (invalid ones kept as they are).
    static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The host of the `source` attribute (`http://node-3:9081/` gives `node-3`), for the node.
    public var sourceHost: String? {
        guard let source = attributes["source"], !source.isEmpty else { return nil }
        var rest = Substring(source)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let at = rest.firstIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var host = rest[..<end]
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = host[host.index(after: host.startIndex)..<close]  // [::1]:8080
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        return host.isEmpty ? nil : String(host)
    }
}
