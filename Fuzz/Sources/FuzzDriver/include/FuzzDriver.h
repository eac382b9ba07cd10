#pragma once
// SwiftPM renames an executable's entry point to <module>_main; these call libFuzzer's driver.
