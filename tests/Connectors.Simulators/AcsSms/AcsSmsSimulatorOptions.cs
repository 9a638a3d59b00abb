namespace Connectors.Simulators.AcsSms;

/// <summary>The simulated Communication Services resource. Defaults match the local settings (fake key).</summary>
public sealed record AcsSmsSimulatorOptions
{
    /// <summary>Base64 access key requests are signed with.</summary>
    public string AccessKey { get; init; } = "bG9jYWwtZmFrZS1hY3MtYWNjZXNzLWtleS1ub3QtYS1zZWNyZXQ=";

    public IReadOnlySet<string> OwnedNumbers { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "+18445550100" };

    public IReadOnlySet<string> ApiVersions { get; init; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "2021-03-07", "2024-01-02", "2024-02-05", "2025-09-17", "2026-01-23",
    };

    /// <summary>How long a repeatability id is remembered (and how old a first-sent may be).</summary>
    public TimeSpan TrackedDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How far x-ms-date may be from the simulator's clock.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The service's clock (signature skew, repeatability windows); tests share theirs.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Recipients the service refuses per item (400 inside the 202).</summary>
    public IReadOnlySet<string> RefusedRecipients { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
