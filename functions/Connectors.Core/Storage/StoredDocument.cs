namespace Connectors.Core.Storage;

/// <summary>A document read from a <see cref="DocumentTable{T}"/> with the ETag to write it back under.</summary>
public sealed record StoredDocument<T>(T Value, string ETag);
