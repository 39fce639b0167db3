/// One file in the catalog: where Lightroom last saw it, and its images.
public struct CatalogFile: Sendable, Equatable {
    public var id: Int64
    /// `AgLibraryRootFolder.absolutePath`, e.g. `/Users/ana/Pictures/` or `C:/Photos/`.
    public var rootPath: String
    /// `AgLibraryFolder.pathFromRoot`, e.g. `2026/wedding/` (empty for the root itself).
    public var folderPath: String
    public var baseName: String
    public var fileExtension: String
    /// The master image first, then its virtual copies.
    public var images: [CatalogImage]

    public var fileName: String { fileExtension.isEmpty ? baseName : baseName + "." + fileExtension }

    /// The path as recorded: root, folder and name joined.
    public var recordedPath: String {
        var root = rootPath
        if !root.isEmpty, !root.hasSuffix("/") { root += "/" }
        var folder = folderPath
        if !folder.isEmpty, !folder.hasSuffix("/") { folder += "/" }
        return root + folder + fileName
    }

    /// The last folder name in the recorded path (`wedding` for `…/2026/wedding/IMG_1.CR2`).
    public var folderName: String {
        let parts = (rootPath + "/" + folderPath).split(separator: "/", omittingEmptySubsequences: true)
        return parts.last.map(String.init) ?? ""
    }

    /// The master image (the photo itself, not a virtual copy), when there is one.
    public var master: CatalogImage? { images.first { $0.masterID == nil } }
    /// Virtual copies: images that name another image as their master.
    public var virtualCopies: [CatalogImage] { images.filter { $0.masterID != nil } }
}

/// An `Adobe_images` row: a photo or a virtual copy of one.
public struct CatalogImage: Sendable, Equatable {
    public var id: Int64
    /// `masterImage`: the image this one is a virtual copy of (nil for the photo itself).
    public var masterID: Int64?
    /// `copyName`, e.g. `Copy 1`.
    public var copyName: String?
}
