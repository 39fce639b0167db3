import Foundation

/// Formats dates as Lightroom writes `xmp:MetadataDate`: `2026-05-05T12:00:00+02:00`.
///
/// Lightroom compares this date with its catalog's to notice changed sidecars, so it is
/// written in full with the local offset, never as bare `Z`.
public enum MetadataDate {
    public static func format(_ date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ v: Int?) -> String {
            let s = String(v ?? 0)
            return s.count < 2 ? "0" + s : s
        }
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        let year = String(c.year ?? 0)
        let paddedYear = String(repeating: "0", count: max(0, 4 - year.count)) + year
        return "\(paddedYear)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
            + "\(sign)\(two(minutes / 60)):\(two(minutes % 60))"
    }
}
