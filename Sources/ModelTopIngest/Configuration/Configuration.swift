import Foundation
import ModelTopCore
import ModelTopText

/// The contents of a `--config` file (TOML).
///
/// ```toml
/// # where the schema fields are in your logs (dotted key paths)
/// model = "meta.model_name"
/// features = "request.inputs"
/// score = "response.probability"
///
/// [thresholds]        # when a model turns WARN or ALERT
/// psi_warn = 0.1
/// psi_alert = 0.25
/// accuracy_drop_warn = 0.05    # 5 points below the reference accuracy
/// accuracy_drop_alert = 0.10
/// min_samples = 200            # smaller windows are not judged
/// ```
public struct Configuration: Sendable, Equatable {
    public var fields = FieldMapping()
    public var thresholds = AlertThresholds()

    public init() {}

    /// Reads and validates the file at `path`.
    public init(contentsOf path: String) throws(TOMLError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TOMLError(file: path, line: 0, message: "cannot read the file: \(error.localizedDescription)")
        }
        try self.init(document: try TOMLDocument(parsing: text, file: path), file: path)
    }

    /// Validates a parsed document; unknown keys and tables are errors.
    public init(document: TOMLDocument, file: String) throws(TOMLError) {
        for entry in document.entries {
            let fail = { (message: String) in TOMLError(file: file, line: entry.line, key: entry.key, message: message) }
            switch entry.table {
            case "":
                guard let field = SchemaField(name: entry.key) else {
                    let known = SchemaField.allCases.map(\.name).joined(separator: ", ")
                    throw fail("unknown field (known: \(known))")
                }
                guard case .string(let path) = entry.value else {
                    throw fail("expected a dotted key path as a string, found \(entry.value.typeName)")
                }
                guard let keys = FieldMapping.keys(ofDottedPath: path) else {
                    throw fail("'\(path)' is not a key path (empty key)")
                }
                fields[field] = keys
            case "thresholds":
                guard let number = entry.value.number, number >= 0 else {
                    throw fail("expected a number >= 0, found \(entry.value.typeName)")
                }
                switch entry.key {
                case "psi_warn": thresholds.psiWarn = number
                case "psi_alert": thresholds.psiAlert = number
                case "accuracy_drop_warn": thresholds.accuracyDropWarn = number
                case "accuracy_drop_alert": thresholds.accuracyDropAlert = number
                case "min_samples": thresholds.minimumSamples = Int(number)
                default:
                    throw fail("unknown threshold (known: psi_warn, psi_alert, accuracy_drop_warn, accuracy_drop_alert, min_samples)")
                }
            default:
                throw fail("unknown table [\(entry.table)]")
            }
        }
    }
}
