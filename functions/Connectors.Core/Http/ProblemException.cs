namespace Connectors.Core.Http;

/// <summary>
/// An error a caller can act on. Thrown anywhere in a handler; each host turns it into RFC 7807
/// problem details in one place (<see cref="ProblemResults"/>). <paramref name="slug"/> is the stable
/// part of the problem type: <c>urn:connectors:problem:{slug}</c>.
/// </summary>
public sealed class ProblemException : Exception
{
    public ProblemException(int status, string slug, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(detail)
    {
        Status = status;
        Slug = slug;
        Title = title;
        Extensions = extensions ?? new Dictionary<string, object?>();
    }

    public ProblemException()
        : this(500, "unexpected", "Unexpected error", "An unexpected error occurred.")
    {
    }

    public ProblemException(string message)
        : this(500, "unexpected", "Unexpected error", message)
    {
    }

    public ProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        Slug = "unexpected";
        Title = "Unexpected error";
        Extensions = new Dictionary<string, object?>();
    }

    public int Status { get; }

    public string Slug { get; }

    public string Title { get; }

    public IReadOnlyDictionary<string, object?> Extensions { get; }

    /// <summary>When set, the answer carries <c>Retry-After</c>: the same request may succeed after this long.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public string Type => ProblemResults.TypeFor(Slug);
}
