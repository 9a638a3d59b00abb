using Connectors.Core.Crm;

namespace Connectors.Tests.Lifecycle;

/// <summary>
/// One generated call: the platform it comes through (<c>webhook</c>, <c>twilio</c>, <c>amazon-connect</c> or <c>api</c>,
/// the JSON API), the CRM of the deployment, how that CRM misbehaves, and the steps after the connect.
/// </summary>
public sealed record Lifecycle(string Channel, CrmKind Crm, CrmFault Fault, IReadOnlyList<LifecycleStep> Steps)
{
    public const string Api = "api";

    public static IReadOnlyList<string> Channels { get; } = ["webhook", "twilio", "amazon-connect", Api];

    public override string ToString() => $"{Channel} / {Crm} / faults {Fault}: Connect, {string.Join(", ", Steps)}";
}
