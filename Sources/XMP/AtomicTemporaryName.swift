import Foundation

/// Names of `AtomicFileWriter`'s temporary files: `.NAME.autotone-PID-XXXXXX`, hidden, next to
/// NAME, with the id of the process writing it, so a later run can tell a file abandoned by a
/// killed process from one being written right now.
public enum AtomicTemporaryName {
    static let marker = ".autotone-"

    /// Longest file name most file systems allow (`NAME_MAX`), in bytes.
    static let longestName = 255

    /// The `mkstemp` template for a temporary file that will replace `fileName`. A long name is
    /// cut (on a character boundary) so the temporary name fits where the file's own name does.
    static func template(replacing fileName: String, pid: pid_t = getpid()) -> String {
        let suffix = marker + "\(pid)-XXXXXX"
        var name = Substring(fileName)
        while 1 + name.utf8.count + suffix.utf8.count > longestName { name = name.dropLast() }
        return "." + name + suffix
    }

    /// The id of the process that made `name`, or nil when `name` is not one of ours.
    public static func owner(of name: String) -> pid_t? {
        guard name.hasPrefix("."), let range = name.range(of: marker, options: .backwards),
              range.lowerBound > name.index(after: name.startIndex) else { return nil }
        let rest = name[range.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard rest.count == 2, rest[1].count == 6,
              rest[1].unicodeScalars.allSatisfy({ $0.isASCII && CharacterSet.alphanumerics.contains($0) }),
              rest[0].allSatisfy(\.isASCII), let pid = pid_t(rest[0]), pid > 0 else { return nil }
        return pid
    }
}
