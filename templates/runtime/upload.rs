use std::fmt;

/// A file to upload, for `multipart/form-data` calls such as `files::create`.
#[derive(Clone, PartialEq, Eq)]
pub struct FileUpload {
    /// The name Stripe records for the file (`filename` of the part).
    pub file_name: String,
    /// The MIME type of the content.
    pub content_type: String,
    /// The content.
    pub bytes: Vec<u8>,
}

impl FileUpload {
    /// A file with content type `application/octet-stream`.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            file_name: file_name.into(),
            content_type: "application/octet-stream".to_string(),
            bytes: bytes.into(),
        }
    }

    /// The same file with another content type (`image/png`, `application/pdf`, ...).
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }
}

/// Shows the name, type and size, not the content.
impl fmt::Debug for FileUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileUpload")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .finish()
    }
}
