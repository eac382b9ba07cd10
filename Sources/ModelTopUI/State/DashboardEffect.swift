import ModelTopCore

/// What the reducer asks the world to do: the loop performs effects, the state only records
/// that they were asked for.
public enum DashboardEffect: Sendable, Equatable {
    case quit
    /// Make the model's current window its reference.
    case rebaseline(Symbol)
    /// Freeze the display (`p`): show the data as it is now while ingest goes on.
    case freeze
    /// Show live data again.
    case thaw
    /// Pass new replay settings to the replay.
    case replay(ReplaySettings)
    /// Load and use the theme with this name.
    case loadTheme(String)
    /// Ring the terminal bell (`--bell`, on a change to ALERT).
    case bell
    /// Send these changes to the `--on-alert` command.
    case notify([AlertChange])
    /// Keep these choices for the next run.
    case savePreferences(Preferences)
}
