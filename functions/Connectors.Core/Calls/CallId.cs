using Connectors.Core.Http;

namespace Connectors.Core.Calls;

/// <summary>
/// The platform's call id (Amazon Connect ContactId, Twilio CallSid, a webhook's id). Used as a
/// table key and in URLs, so it is held to a safe alphabet and length.
/// </summary>
public static class CallId
{
    public const int MaxLength = InputIdentifiers.CallIdMaxLength;

    public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? callId) => InputIdentifiers.IsCallId(callId);

    /// <summary>Returns <paramref name="callId"/> or throws a 400 problem saying what a call id may hold.</summary>
    public static string Validate(string? callId) =>
        IsValid(callId)
            ? callId!
            : throw new ProblemException(400, "invalid-call-id", "Invalid call id",
                $"A call id is 1 to {MaxLength} characters of letters, digits, '.', '_', ':' and '-'.");
}
