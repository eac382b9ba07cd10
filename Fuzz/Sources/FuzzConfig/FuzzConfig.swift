import Foundation
import FuzzSupport
import ModelTopIngest
import ModelTopText
import ModelTopUI

/// One input is a TOML file: parsed as a document, then mapped as a `--config` file and as a
/// theme. Errors are expected; a crash is not. Checks: an error names a line within the file
/// (never line 0 for text that was read), and an accepted configuration has every threshold in
/// its documented range and each warn at or below its alert.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lineCount = max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count)
    do {
        let document = try TOMLDocument(parsing: text, file: "fuzz.toml")
        let configuration = try Configuration(document: document, file: "fuzz.toml")
        let t = configuration.thresholds
        check(t.psiWarn <= t.psiAlert, "psi_warn above psi_alert accepted")
        check(t.accuracyDropWarn <= t.accuracyDropAlert, "accuracy_drop_warn above its alert accepted")
        check(t.minimumSamples >= 1, "min_samples below 1 accepted")
        if let ahead = configuration.maxAhead { check(ahead > 0 && ahead.isFinite, "max_ahead \(ahead) accepted") }
    } catch {
        check(error.line >= 1 && error.line <= lineCount, "error on line \(error.line) of \(lineCount): \(error)")
    }
    do {
        _ = try Theme.parse(text, file: "fuzz.toml")
    } catch {
        check(error.line >= 1 && error.line <= lineCount, "theme error on line \(error.line) of \(lineCount): \(error)")
    }
    return 0
}
