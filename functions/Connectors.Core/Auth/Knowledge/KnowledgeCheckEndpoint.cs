using Connectors.Core.Calls;
using Connectors.Core.Http;
using Connectors.Core.Retries;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Auth.Knowledge;

/// <summary><c>POST /api/calls/{callId}/auth/knowledge</c>: answers → <see cref="StepUpResult"/>; honours <c>Idempotency-Key</c>.</summary>
public static class KnowledgeCheckEndpoint
{
    private const int MaxBodyBytes = 4 * 1024;

    public static async Task<IResult> HandleAsync(
        string callId, HttpRequest request, KnowledgeCheckService service, RequestReplayStores replays, FirstAnswerReplayer replayer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        CallId.Validate(callId);
        var answers = await RequestBody.ReadJsonAsync<KnowledgeCheckRequest>(request, MaxBodyBytes, cancellationToken);
        return TypedResults.Ok(await IdempotencyKeyReplay.AnswerAsync(request, callId, answers, replays, replayer, ct => service.CheckAsync(callId, answers, ct), cancellationToken));
    }
}
