namespace Connectors.Core.Crm.Salesforce;

/// <summary>The budget's verdict on one request.</summary>
public sealed record SalesforceBudgetDecision(bool Shed, TimeSpan Delay, double? UsageRatio)
{
    public static SalesforceBudgetDecision Go { get; } = new(false, TimeSpan.Zero, null);
}
