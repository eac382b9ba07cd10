import ModelTopText

extension PolicyResult {
    // MARK: JSON

    /// `{"summary": {"passed", "failed", "no_data", "total", "by_status"}, "exit_status", "results": [...]}`.
    public func json() -> JSONValue {
        let byStatus = JSONValue.object(Status.allCases.map { ($0.rawValue, .int(count($0))) })
        return .object([
            ("summary", .object([("passed", .int(count(.pass))), ("failed", .int(count(.fail))), ("no_data", .int(count(.noData))),
                                 ("total", .int(items.count)), ("by_status", byStatus), ("events", .int(events))])),
            ("exit_status", .int(Int(exitStatus))),
            ("results", .array(items.map { i in
                .object([("rule", .int(i.rule)), ("file", .string(i.file)), ("line", .int(i.line)), ("model", .string(i.model)),
                         ("feature", .string(i.feature)), ("version", .string(i.version)), ("check", .string(i.check)),
                         ("observed", .number(i.observed)), ("threshold", .number(i.threshold)),
                         ("status", .string(i.status.rawValue)), ("message", .string(i.message))])
            })),
        ])
    }

    // MARK: Table

    /// One row per result, then the summary line.
    public func table() -> String {
        var rows = [["STATUS", "RULE", "MODEL", "CHECK", "RESULT"]]
        for i in items {
            rows.append([Self.word(i.status), "\(i.rule) (line \(i.line))", i.model + (i.version.map { " " + $0 } ?? ""), i.check,
                         i.message])
        }
        return (TextTable.render(rows) + ["", summaryLine]).joined(separator: "\n")
    }

    /// `3 passed, 1 failed, 0 without data (4 checks)`.
    public var summaryLine: String {
        "\(count(.pass)) passed, \(count(.fail)) failed, \(count(.noData)) without data (\(items.count) checks)"
            + (events == 0 ? "; no events: nothing to judge" : "")
    }

    private static func word(_ status: Status) -> String {
        switch status {
        case .pass: "PASS"
        case .fail: "FAIL"
        case .noData: "NO DATA"
        }
    }

    // MARK: Markdown

    /// A Markdown summary for pull-request comments and `$GITHUB_STEP_SUMMARY`: a heading with
    /// the verdict, then a table of every result, failures first.
    public func markdown() -> String {
        let verdict = exitStatus == 0 ? "passed" : exitStatus == 3 ? "failed" : "had nothing to judge"
        var lines = ["### modeltop check \(verdict)", "", summaryLine, "",
                     "| | Model | Check | Result | Rule |", "|---|---|---|---|---|"]
        let ordered = items.filter { $0.status == .fail } + items.filter { $0.status == .noData } + items.filter { $0.status == .pass }
        for i in ordered {
            let mark = i.status == .pass ? "✅" : i.status == .fail ? "❌" : "⚠️"
            let model = Self.cell(i.model + (i.version.map { " (\($0))" } ?? ""))
            lines.append("| \(mark) | \(model) | `\(i.check)` | \(Self.cell(i.message)) | \(Self.cell(i.file)):\(i.line) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text safe in a Markdown table cell.
    private static func cell(_ text: String) -> String {
        Sanitizer.sanitize(text, limit: 300).replacingAll("|", with: "\\|")
    }

    // MARK: GitHub Actions

    /// Workflow commands: `::error` for each failed check, `::warning` for each check without
    /// data, with the policy file and line.
    public func githubAnnotations() -> [String] {
        items.compactMap { i in
            let kind: String
            switch i.status {
            case .pass: return nil
            case .fail: kind = "error"
            case .noData: kind = "warning"
            }
            let title = Self.escapeProperty("modeltop check: \(i.model) \(i.check)")
            return "::\(kind) file=\(Self.escapeProperty(i.file)),line=\(i.line),title=\(title)::\(Self.escapeData(i.message))"
        }
    }

    /// GitHub's escaping of a command's message.
    private static func escapeData(_ s: String) -> String {
        s.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    /// GitHub's escaping of a command's property values.
    private static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }

    // MARK: JUnit

    /// JUnit XML: `testsuites`, a `testsuite` per model, a `testcase` per check (`failure`
    /// for a failed check, `error` for one without data), as GitLab, Jenkins and GitHub test
    /// reporters read it.
    public func junit() -> String {
        var models: [String] = []
        for i in items where !models.contains(i.model) { models.append(i.model) }
        var xml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                   "<testsuites name=\"modeltop check\" tests=\"\(items.count)\" failures=\"\(count(.fail))\" errors=\"\(count(.noData))\">"]
        for model in models {
            let cases = items.filter { $0.model == model }
            let failures = cases.filter { $0.status == .fail }.count, errors = cases.filter { $0.status == .noData }.count
            xml.append("  <testsuite name=\"\(Self.xml(model))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\">")
            for c in cases {
                var name = c.check
                if let f = c.feature { name += " " + f }
                if let v = c.version { name += " (\(v))" }
                let open = "    <testcase name=\"\(Self.xml(name))\" classname=\"\(Self.xml("modeltop.\(model)"))\" file=\"\(Self.xml(c.file))\" line=\"\(c.line)\""
                switch c.status {
                case .pass:
                    xml.append(open + "/>")
                case .fail:
                    xml += [open + ">", "      <failure message=\"\(Self.xml(c.message))\" type=\"\(c.check)\">\(Self.xml(c.message))</failure>",
                            "    </testcase>"]
                case .noData:
                    xml += [open + ">", "      <error message=\"\(Self.xml(c.message))\" type=\"no_data\">\(Self.xml(c.message))</error>",
                            "    </testcase>"]
                }
            }
            xml.append("  </testsuite>")
        }
        xml.append("</testsuites>")
        return xml.joined(separator: "\n") + "\n"
    }

    /// Text safe in XML content and attribute values (control characters dropped).
    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in Sanitizer.sanitize(text, limit: 1000).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation here).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
