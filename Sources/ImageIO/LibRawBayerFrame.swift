import CLibRaw

extension LibRawHandle {
    /// After `unpack`, the sensor data as a `BayerFrame` with the numbers LibRaw's half-size
    /// develop would use (its `raw2image_ex`, `adjust_bl`, `adjust_maximum` and `scale_colors`,
    /// LibRaw 0.20–0.22), or nil when the file or the settings need something the frame does
    /// not describe; then `process()` is the way. Valid while this handle lives.
    func bayerFrame() -> BayerFrame? {
        let data = raw.pointee.rawdata
        let params = raw.pointee.params
        guard let samples = data.raw_image, data.ph1_cblack == nil, data.ph1_rblack == nil,
              data.iparams.colors == 3, data.iparams.is_foveon == 0,
              data.ioparams.fuji_width == 0, data.ioparams.zero_is_bad == 0,
              data.sizes.pixel_aspect == 1, data.sizes.raw_pitch % 2 == 0,
              Self.string(data.iparams.model) != "PowerShot 600",
              Self.developsAtHalfSizeOnly(params),
              let pattern = Self.pattern(filters: data.iparams.filters)
        else { return nil }
        let color = data.color
        guard let (channelBlack, commonBlack) = Self.blackLevels(color, params: params, pattern: pattern),
              Int(color.maximum) > commonBlack,
              let whiteBalance = Self.whiteBalance(color, params: params, pattern: pattern)
        else { return nil }

        var decoder = libraw_decoder_info_t()
        let fixedMaximum = libraw_get_decoder_info(raw, &decoder) == 0
            && decoder.decoder_flags & UInt32(LIBRAW_DECODER_FIXEDMAXC.rawValue) != 0
        let threshold = params.adjust_maximum_thr
        let adjustMaximum: Float? = fixedMaximum || threshold < 0.00001 ? nil : (threshold > 0.99999 ? 0.75 : threshold)

        let matrix: [Float]? = data.ioparams.raw_color != 0 ? nil : withUnsafeBytes(of: color.rgb_cam) { bytes in
            let values = bytes.bindMemory(to: Float.self)  // [3][4], the fourth column unused
            return (0..<3).flatMap { row in (0..<3).map { values[row * 4 + $0] } }
        }
        return BayerFrame(
            samples: UnsafePointer(samples), pitch: Int(data.sizes.raw_pitch) / 2,
            rawWidth: Int(data.sizes.raw_width), rawHeight: Int(data.sizes.raw_height),
            topMargin: Int(data.sizes.top_margin), leftMargin: Int(data.sizes.left_margin),
            width: Int(data.sizes.width), height: Int(data.sizes.height),
            pattern: pattern, channelBlack: channelBlack, commonBlack: commonBlack,
            maximum: Int(color.maximum), adjustMaximumThreshold: adjustMaximum,
            whiteBalance: whiteBalance, cameraToSRGB: matrix, flip: Self.orientation(Int(data.sizes.flip)))
    }

    /// True when the settings are `configureLinearOutput(halfSize: true)`'s and LibRaw's defaults
    /// for everything that would change the pixels.
    private static func developsAtHalfSizeOnly(_ params: libraw_output_params_t) -> Bool {
        params.half_size == 1 && params.use_camera_wb == 1 && params.use_auto_wb == 0
            && params.highlight == 0 && params.output_color == 1 && params.output_bps == 16
            && params.no_auto_bright == 1 && params.gamm.0 == 1 && params.gamm.1 == 1 && params.bright == 1
            && params.threshold == 0 && params.aber.0 == 1 && params.aber.2 == 1
            && params.bad_pixels == nil && params.dark_frame == nil && params.camera_profile == nil
            && params.user_sat <= 0 && params.med_passes == 0 && params.exp_correc == 0
            && params.no_auto_scale == 0 && params.user_mul.0 == 0
            && (params.cropbox.2 == UInt32.max || params.cropbox.3 == UInt32.max)
    }

    /// The colour index at (row & 1, col & 1), when the filter pattern repeats every 2×2 and
    /// holds R, G, B and the second G once each (dcraw marks the second green 3).
    private static func pattern(filters: UInt32) -> [Int]? {
        guard filters > 1000, filters == (filters & 0xFF) &* 0x0101_0101 else { return nil }
        var pattern: [Int] = []
        for index in 0..<4 {
            let row = index >> 1, column = index & 1
            let shift = UInt32((((row << 1) & 14) | column) << 1)  // dcraw's FC(row, col)
            pattern.append(Int((filters >> shift) & 3))
        }
        return Set(pattern) == [0, 1, 2, 3] ? pattern : nil
    }

    /// Black per colour index and the common part, as `adjust_bl` leaves them; nil for a black
    /// pattern larger than 2×2, which LibRaw subtracts later in a way the frame does not follow.
    private static func blackLevels(_ color: libraw_colordata_t, params: libraw_output_params_t,
                                    pattern: [Int]) -> (channel: [Int], common: Int)? {
        var black = Int(color.black)
        // Swift does not import C arrays this long (LIBRAW_CBLACK_SIZE); the shim hands it over.
        var cblack = withUnsafePointer(to: color) { pointer in
            (0..<10).map { Int(autotone_libraw_cblack(pointer)[$0]) }
        }
        var cleared = false
        if params.user_black >= 0 { black = Int(params.user_black); cleared = true }
        withUnsafeBytes(of: params.user_cblack) { bytes in
            for (c, value) in bytes.bindMemory(to: Int32.self).enumerated() where value > -1_000_000 {
                cblack[c] = Int(value)
                cleared = true
            }
        }
        if cleared { cblack[4] = 0; cblack[5] = 0 }
        if (cblack[4] + 1) / 2 == 1 && (cblack[5] + 1) / 2 == 1 {
            let rows = cblack[4], columns = cblack[5]
            for c in 0..<4 {
                let repeated: Int = 6 + ((c / 2) % rows) * columns + (c % 2) % columns
                cblack[pattern[c]] += cblack[repeated]
            }
            cblack[4] = 0; cblack[5] = 0
        }
        guard cblack[4] == 0 || cblack[5] == 0 else { return nil }
        let common = cblack[0..<4].min()!
        black += common
        return ((0..<4).map { cblack[$0] - common + black }, black)
    }

    /// `scale_colors`' choice of multipliers with the camera's white balance: a white sample
    /// when the file has one, else the camera's multipliers. Nil when there are none (LibRaw
    /// would then measure a grey world over the frame).
    private static func whiteBalance(_ color: libraw_colordata_t, params: libraw_output_params_t,
                                     pattern: [Int]) -> [Float]? {
        let cameraMultipliers = withUnsafeBytes(of: color.cam_mul) { Array($0.bindMemory(to: Float.self)) }
        var multipliers = withUnsafeBytes(of: color.pre_mul) { Array($0.bindMemory(to: Float.self)) }
        let fallsBackToDaylight = params.raw_processing_options
            & UInt32(LIBRAW_PROCESSING_CAMERAWB_FALLBACK_TO_DAYLIGHT.rawValue) != 0
        if cameraMultipliers[0] < -0.5 || (cameraMultipliers[0] <= 0.00001 && !fallsBackToDaylight) { return nil }
        if cameraMultipliers[0] > 0.00001 {
            var sums = [UInt32](repeating: 0, count: 4)
            withUnsafeBytes(of: color.white) { bytes in
                let white = bytes.bindMemory(to: UInt16.self)  // [8][8]; black is 0 by now
                for row in 0..<8 {
                    for column in 0..<8 { sums[pattern[(row & 1) * 2 + (column & 1)]] &+= UInt32(white[row * 8 + column]) }
                }
            }
            if color.as_shot_wb_applied != 0 {
                multipliers = [1, 1, 1, 1]
            } else if sums.allSatisfy({ $0 != 0 }) {
                multipliers = sums.map { 16 / Float($0) }
            } else if cameraMultipliers[2] > 0.00001 {
                multipliers = cameraMultipliers
            }
        }
        if multipliers[1] == 0 { multipliers[1] = 1 }
        if multipliers[3] == 0 { multipliers[3] = multipliers[1] }
        return multipliers
    }

    /// dcraw's flip code from the file's orientation, which may be stored in degrees.
    private static func orientation(_ flip: Int) -> Int {
        switch (flip + 3600) % 360 {
        case 270: return 5
        case 180: return 3
        case 90: return 6
        default: return flip
        }
    }
}
