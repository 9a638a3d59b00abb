namespace Connectors.Core.Auth.Senders;

/// <summary>
/// Runs each request of a sender's HTTP client through its <see cref="SenderResiliencePipeline"/>. It sits
/// above any signing handler, so every attempt is signed afresh. Failures that are left after the pipeline
/// surface as exceptions (<see cref="Polly.Timeout.TimeoutRejectedException"/>,
/// <see cref="Polly.CircuitBreaker.BrokenCircuitException"/>, <see cref="HttpRequestException"/>) for the
/// sender to classify with <see cref="SendFailures"/>.
/// </summary>
public sealed class SenderResilienceHandler : DelegatingHandler
{
    private readonly SenderResiliencePipeline _pipeline;

    public SenderResilienceHandler(SenderResiliencePipeline pipeline)
    {
        _pipeline = pipeline;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is not null)
        {
            // A retry re-sends the same message; its content must be readable again.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        return await _pipeline.Pipeline.ExecuteAsync(
            static async (state, token) =>
            {
                var response = await state.Self.SendOnceAsync(state.Request, token);
                await response.Content.LoadIntoBufferAsync(token);
                return response;
            },
            (Self: this, Request: request),
            cancellationToken);
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
