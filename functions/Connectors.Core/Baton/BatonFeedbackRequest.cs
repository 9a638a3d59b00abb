namespace Connectors.Core.Baton;

/// <summary>The body of <c>POST /api/batons/{token}/feedback</c> (and its answer): <c>nothing</c>, <c>identity</c>, <c>reason</c> or <c>account</c>.</summary>
public sealed record BatonFeedbackRequest(string? Repeated);
