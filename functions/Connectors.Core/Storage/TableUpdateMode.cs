namespace Connectors.Core.Storage;

public enum TableUpdateMode
{
    /// <summary>The stored entity becomes exactly the given one.</summary>
    Replace,
    /// <summary>The given properties are added or overwritten; the others stay.</summary>
    Merge,
}
