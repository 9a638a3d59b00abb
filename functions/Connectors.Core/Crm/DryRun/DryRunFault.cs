namespace Connectors.Core.Crm.DryRun;

/// <summary>A dry-run call's pending write faults: the next <see cref="Remaining"/> writes fail as <see cref="Kind"/>.</summary>
public sealed record DryRunFault(DryRunFaultKind Kind, int Remaining);
