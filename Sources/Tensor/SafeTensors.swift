// The safetensors format: 8-byte little-endian header length, JSON header, then raw data.
import Foundation

/// Element types safetensors files may hold for our purposes.
public enum SafeTensorsDType: String, Sendable, CaseIterable {
    case f32 = "F32", f16 = "F16", bf16 = "BF16"
    public var byteSize: Int { self == .f32 ? 4 : 2 }
}

/// Everything that can be wrong with a safetensors file, each with the file it came from.
public enum SafeTensorsError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case truncated(path: String, reason: String)
    case headerLengthTooLarge(path: String, declared: UInt64, fileSize: Int)
    case headerNotJSON(path: String, reason: String)
    case badEntry(path: String, tensor: String, reason: String)
    case unsupportedDType(path: String, tensor: String, dtype: String)
    case offsetsOutOfBounds(path: String, tensor: String, begin: Int, end: Int, dataLength: Int)
    case sizeMismatch(path: String, tensor: String, shape: [Int], dtype: String, bytes: Int)
    case overlapping(path: String, first: String, second: String)
    case dataLengthMismatch(path: String, covered: Int, dataLength: Int)
    case nonFinite(path: String, tensor: String, index: Int, value: Float)
    case badMetadata(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case notRepresentable(path: String, tensor: String, dtype: String, value: Float)

    public var description: String {
        switch self {
        case let .unreadable(p, r): return "\(p): cannot read: \(r)"
        case let .truncated(p, r): return "\(p): truncated: \(r)"
        case let .headerLengthTooLarge(p, d, s):
            return "\(p): header claims \(d) bytes but the file has \(s) bytes (header lies about its length)"
        case let .headerNotJSON(p, r): return "\(p): header is not a JSON object: \(r)"
        case let .badEntry(p, t, r): return "\(p): tensor '\(t)': \(r)"
        case let .unsupportedDType(p, t, d): return "\(p): tensor '\(t)': unsupported dtype \(d) (F32, F16, BF16 are supported)"
        case let .offsetsOutOfBounds(p, t, b, e, n):
            return "\(p): tensor '\(t)': header offsets [\(b), \(e)) lie outside the \(n) data bytes"
        case let .sizeMismatch(p, t, s, d, b):
            // The shape may be a lie too large to multiply out.
            let needed = s.reduce(Optional(SafeTensorsDType(rawValue: d)?.byteSize ?? 0)) { total, extent in
                total.flatMap { let r = $0.multipliedReportingOverflow(by: extent); return r.overflow ? nil : r.partialValue }
            }
            return "\(p): tensor '\(t)': shape \(s) of \(d) needs \(needed.map { "\($0)" } ?? "more than 2⁶³") bytes but its offsets span \(b)"
        case let .overlapping(p, a, b): return "\(p): tensors '\(a)' and '\(b)' overlap in the data"
        case let .dataLengthMismatch(p, c, n):
            return "\(p): tensors cover \(c) data bytes but the file holds \(n) (header lies about the data length)"
        case let .nonFinite(p, t, i, v): return "\(p): tensor '\(t)': element \(i) is \(v)"
        case let .badMetadata(p, r): return "\(p): __metadata__: \(r)"
        case let .unwritable(p, r): return "\(p): cannot write: \(r)"
        case let .notRepresentable(p, t, d, v): return "\(p): tensor '\(t)': \(v) does not fit in \(d)"
        }
    }
}

/// One tensor of a safetensors file, decoded to Float32, with the dtype it had on disk.
public struct SafeTensorsEntry: Equatable, Sendable {
    public var tensor: Tensor
    public var dtype: SafeTensorsDType
    public init(tensor: Tensor, dtype: SafeTensorsDType) {
        self.tensor = tensor
        self.dtype = dtype
    }
}

/// A safetensors file in memory: tensors by name and the string→string `__metadata__`.
public struct SafeTensorsFile: Sendable, Equatable {
    public var tensors: [String: SafeTensorsEntry]
    public var metadata: [String: String]

    public init(tensors: [String: SafeTensorsEntry] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Reads and validates a file. Every element is checked to be finite unless `allowNonFinite`.
    public static func read(url: URL, allowNonFinite: Bool = false) throws -> SafeTensorsFile {
        // Only regular files: a FIFO or a device would block or never end.
        var info = stat()
        if stat(url.path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw SafeTensorsError.unreadable(path: url.path, reason: "not a regular file")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SafeTensorsError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try decode(data, path: url.path, allowNonFinite: allowNonFinite)
    }

    /// Parses the bytes of a safetensors file; `path` only labels errors.
    public static func decode(_ data: Data, path: String, allowNonFinite: Bool = false) throws -> SafeTensorsFile {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else {
            throw SafeTensorsError.truncated(path: path, reason: "\(bytes.count) bytes, fewer than the 8-byte header length")
        }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw SafeTensorsError.headerLengthTooLarge(path: path, declared: headerLength, fileSize: bytes.count)
        }
        let headerEnd = 8 + Int(headerLength)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd]), options: [])
        } catch {
            throw SafeTensorsError.headerNotJSON(path: path, reason: "\(error)")
        }
        guard let header = json as? [String: Any] else {
            throw SafeTensorsError.headerNotJSON(path: path, reason: "top level is not an object")
        }
        let dataLength = bytes.count - headerEnd
        var file = SafeTensorsFile()
        var spans: [(name: String, begin: Int, end: Int)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let meta = value as? [String: Any] else {
                    throw SafeTensorsError.badMetadata(path: path, reason: "not an object")
                }
                for (k, v) in meta {
                    guard let s = v as? String else {
                        throw SafeTensorsError.badMetadata(path: path, reason: "value of '\(k)' is not a string")
                    }
                    file.metadata[k] = s
                }
                continue
            }
            guard let entry = value as? [String: Any] else {
                throw SafeTensorsError.badEntry(path: path, tensor: name, reason: "entry is not an object")
            }
            guard let dtypeName = entry["dtype"] as? String else {
                throw SafeTensorsError.badEntry(path: path, tensor: name, reason: "missing dtype")
            }
            guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
                throw SafeTensorsError.unsupportedDType(path: path, tensor: name, dtype: dtypeName)
            }
            guard let shapeAny = entry["shape"] as? [Any],
                  let shape = integers(shapeAny), shape.allSatisfy({ $0 >= 0 && $0 < 1 << 40 }) else {
                throw SafeTensorsError.badEntry(path: path, tensor: name, reason: "shape is not a list of non-negative integers")
            }
            guard let offAny = entry["data_offsets"] as? [Any], let offs = integers(offAny), offs.count == 2 else {
                throw SafeTensorsError.badEntry(path: path, tensor: name, reason: "data_offsets is not a pair of integers")
            }
            let (begin, end) = (offs[0], offs[1])
            guard begin >= 0, begin <= end, end <= dataLength else {
                throw SafeTensorsError.offsetsOutOfBounds(path: path, tensor: name, begin: begin, end: end, dataLength: dataLength)
            }
            let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
            // A lying shape can overflow the byte count too; that must be an error, not a trap.
            let byteCount = count.multipliedReportingOverflow(by: dtype.byteSize)
            guard count != Int.max, !byteCount.overflow, byteCount.partialValue == end - begin else {
                throw SafeTensorsError.sizeMismatch(path: path, tensor: name, shape: shape, dtype: dtypeName, bytes: end - begin)
            }
            var values = [Float](repeating: 0, count: count)
            bytes.withUnsafeBufferPointer { buf in
                let base = headerEnd + begin
                values.withUnsafeMutableBufferPointer { out in
                    switch dtype {
                    case .f32:
                        for i in 0..<count {
                            let o = base + 4 * i
                            let b = UInt32(buf[o]) | UInt32(buf[o + 1]) << 8 | UInt32(buf[o + 2]) << 16 | UInt32(buf[o + 3]) << 24
                            out[i] = Float(bitPattern: b)
                        }
                    case .f16:
                        for i in 0..<count {
                            let o = base + 2 * i
                            out[i] = HalfPrecision.float(fromF16: UInt16(buf[o]) | UInt16(buf[o + 1]) << 8)
                        }
                    case .bf16:
                        for i in 0..<count {
                            let o = base + 2 * i
                            out[i] = HalfPrecision.float(fromBF16: UInt16(buf[o]) | UInt16(buf[o + 1]) << 8)
                        }
                    }
                }
            }
            if !allowNonFinite, let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw SafeTensorsError.nonFinite(path: path, tensor: name, index: bad, value: values[bad])
            }
            spans.append((name, begin, end))
            file.tensors[name] = SafeTensorsEntry(tensor: Tensor(shape: shape, data: values), dtype: dtype)
        }
        spans.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var covered = 0
        for i in spans.indices {
            if i > 0, spans[i].begin < spans[i - 1].end {
                throw SafeTensorsError.overlapping(path: path, first: spans[i - 1].name, second: spans[i].name)
            }
            covered += spans[i].end - spans[i].begin
        }
        if covered != dataLength {
            throw SafeTensorsError.dataLengthMismatch(path: path, covered: covered, dataLength: dataLength)
        }
        return file
    }

    private static func integers(_ list: [Any]) -> [Int]? {
        var out: [Int] = []
        for v in list {
            guard let n = v as? NSNumber else { return nil }
            let d = n.doubleValue
            guard d == d.rounded(), abs(d) < 0x1p53 else { return nil }
            out.append(Int(d))
        }
        return out
    }

    /// Serialises: header padded with spaces so data starts 8-byte aligned, tensors in name order.
    public func encode(path: String = "<memory>") throws -> Data {
        let names = tensors.keys.sorted()
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        for name in names {
            let e = tensors[name]!
            let n = e.tensor.count * e.dtype.byteSize
            header[name] = ["dtype": e.dtype.rawValue, "shape": e.tensor.shape, "data_offsets": [offset, offset + n]] as [String: Any]
            offset += n
        }
        var json: Data
        do { json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]) } catch {
            throw SafeTensorsError.unwritable(path: path, reason: "header: \(error)")
        }
        while (8 + json.count) % 8 != 0 { json.append(0x20) }
        var out = Data(capacity: 8 + json.count + offset)
        var len = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &len) { out.append(contentsOf: $0) }
        out.append(json)
        for name in names {
            let e = tensors[name]!
            var raw = [UInt8]()
            raw.reserveCapacity(e.tensor.count * e.dtype.byteSize)
            for v in e.tensor.data {
                switch e.dtype {
                case .f32:
                    let b = v.bitPattern
                    raw.append(UInt8(b & 0xFF)); raw.append(UInt8(b >> 8 & 0xFF))
                    raw.append(UInt8(b >> 16 & 0xFF)); raw.append(UInt8(b >> 24))
                case .f16, .bf16:
                    let h = e.dtype == .f16 ? HalfPrecision.f16(from: v) : HalfPrecision.bf16(from: v)
                    if v.isFinite, e.dtype == .f16, HalfPrecision.float(fromF16: h).isInfinite {
                        throw SafeTensorsError.notRepresentable(path: path, tensor: name, dtype: e.dtype.rawValue, value: v)
                    }
                    raw.append(UInt8(h & 0xFF)); raw.append(UInt8(h >> 8))
                }
            }
            out.append(contentsOf: raw)
        }
        return out
    }

    /// Writes atomically: a temporary file in the same folder, then a rename.
    public func write(url: URL) throws {
        let data = try encode(path: url.path)
        do { try data.write(to: url, options: .atomic) } catch {
            // Foundation's message is "NSCocoaErrorDomain error N"; the POSIX cause under it says why.
            let cause = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).map { String(cString: strerror(Int32($0.code))) }
            throw SafeTensorsError.unwritable(path: url.path, reason: cause ?? error.localizedDescription)
        }
    }
}
