/// Namespace URIs the module reads and writes, in one place.
public enum XMPNamespace {
    /// `x:` — the `x:xmpmeta` wrapper.
    public static let meta = "adobe:ns:meta/"
    /// `rdf:` — RDF syntax.
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    /// `xmp:` — basic XMP (CreatorTool, MetadataDate).
    public static let xmp = "http://ns.adobe.com/xap/1.0/"
    /// `photoshop:` — holds `SidecarForExtension`.
    public static let photoshop = "http://ns.adobe.com/photoshop/1.0/"
    /// `crs:` — Camera Raw settings, where Lightroom keeps develop settings.
    public static let cameraRawSettings = "http://ns.adobe.com/camera-raw-settings/1.0/"
    /// `autotone:` — AutoTone's own bookkeeping (model identity, RAW fingerprint, digest of the
    /// values it wrote). Other programs preserve unknown namespaces and ignore them.
    public static let autoTone = "http://ns.autotone.dev/xmp/1.0/"
    /// `xml:` — predeclared by XML itself.
    public static let xml = "http://www.w3.org/XML/1998/namespace"

    /// Preferred prefixes when the writer has to declare a namespace.
    static let preferredPrefix: [String: String] = [
        meta: "x", rdf: "rdf", xmp: "xmp", photoshop: "photoshop",
        cameraRawSettings: "crs", autoTone: "autotone",
    ]
}
