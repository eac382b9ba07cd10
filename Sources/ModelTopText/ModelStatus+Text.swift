import ModelTopCore

extension ModelStatus {
    /// What the status column shows: `OK`, `WARN`, `ALERT`, `REF 85/5000` while the reference
    /// is collected, `n=85` while the window is too small to judge.
    public var label: String {
        switch self {
        case .collecting(let have, let need): "REF \(have)/\(need)"
        case .insufficient(let have, _): "n=\(have)"
        case .judged(.ok): "OK"
        case .judged(.warn): "WARN"
        case .judged(.alert): "ALERT"
        }
    }

    /// Why a model is not judged, in words; nil when it is.
    public var explanation: String? {
        switch self {
        case .collecting(let have, let need): "collecting the reference: \(have) of \(need) predictions"
        case .insufficient(let have, let need): "not judged yet: \(have) values in the window, \(need) needed"
        case .judged: nil
        }
    }
}

extension ModelSnapshot.Notice {
    /// The notice in words.
    public var text: String {
        switch self {
        case .referenceIsWholeInput(let n):
            "reference is the whole input (\(n) predictions, fewer than --reference-size): no drift can be measured"
        }
    }
}
