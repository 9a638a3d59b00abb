using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Replay;

/// <summary>The request journal behind the call export and replay (section <c>Replay</c>).</summary>
public sealed class ReplayOptions
{
    public const string SectionName = "Replay";

    /// <summary>How often the journalled requests are written, one batch per call. Default 00:00:02.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan JournalFlushInterval { get; set; } = TimeSpan.FromSeconds(2);
}
