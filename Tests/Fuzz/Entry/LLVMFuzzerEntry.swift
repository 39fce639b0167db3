// libFuzzer's entry points, compiled only by Scripts/fuzz (with -sanitize=fuzzer, which
// supplies main); the normal build never sees this file. AUTOTONE_FUZZ_TARGET picks the target.
import Foundation
import FuzzChecks

nonisolated(unsafe) private var target: FuzzTarget = .xmpReader

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let name = ProcessInfo.processInfo.environment["AUTOTONE_FUZZ_TARGET"] ?? ""
    guard let chosen = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("AUTOTONE_FUZZ_TARGET must be one of: \(names)\n".utf8))
        exit(2)
    }
    target = chosen
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    do {
        try target.check(bytes)
    } catch {
        // A failed property is a finding: abort so libFuzzer saves the input as a crash.
        FileHandle.standardError.write(Data("property violated (\(target.rawValue)): \(error)\n".utf8))
        abort()
    }
    return 0
}
