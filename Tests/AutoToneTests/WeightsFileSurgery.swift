import Foundation

/// Takes a safetensors file apart and writes it back, so a test can damage one thing at a time.
///
/// Written from the format's description (8-byte little-endian header length, JSON header,
/// data), independently of `SafeTensorsFile`, so it can produce what that type never writes.
struct WeightsFileSurgery {
    /// The header: tensor entries by name, plus `__metadata__`.
    var header: [String: Any]
    /// Each tensor's bytes, by name.
    var data: [String: [UInt8]]

    init(contentsOf url: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        let length = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        header = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + length)])) as! [String: Any]
        data = [:]
        for (name, entry) in header where name != "__metadata__" {
            let offsets = (entry as! [String: Any])["data_offsets"] as! [Int]
            data[name] = Array(bytes[(8 + length + offsets[0])..<(8 + length + offsets[1])])
        }
    }

    var tensorNames: [String] { data.keys.sorted() }

    func entry(_ name: String) -> [String: Any] { header[name] as! [String: Any] }

    mutating func setEntry(_ name: String, _ key: String, _ value: Any) {
        var entry = entry(name)
        entry[key] = value
        header[name] = entry
    }

    mutating func remove(_ name: String) {
        header[name] = nil
        data[name] = nil
    }

    /// The bytes with the data laid out again in name order (offsets recomputed) unless
    /// `keepOffsets`, which writes the header's offsets as they are (to make them lie).
    func encoded(keepOffsets: Bool = false) throws -> Data {
        var header = self.header
        var body: [UInt8] = []
        for name in tensorNames {
            var entry = entry(name)
            if !keepOffsets { entry["data_offsets"] = [body.count, body.count + data[name]!.count] }
            header[name] = entry
            body += data[name]!
        }
        let json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        var out = Data((0..<8).map { UInt8(truncatingIfNeeded: json.count >> (8 * $0)) })
        out.append(json)
        out.append(contentsOf: body)
        return out
    }
}
