namespace Connectors.Tests.Infrastructure.Arm;

/// <summary>A value known only at deployment (a property Azure assigns, such as an identity's principal id), carried by its description.</summary>
internal sealed record ArmSymbol(string Text)
{
    public override string ToString() => "{" + Text + "}";
}
