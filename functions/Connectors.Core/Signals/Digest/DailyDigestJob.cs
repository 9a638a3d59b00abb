using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Signals.Digest;

/// <summary>
/// Sends one UTC day's digest: HTML mail to each recipient through the Graph sender, and the plain text to the Teams or
/// Slack incoming webhook when one is set. Idempotent per day: the <c>Digests</c> table remembers who has it, so a
/// second run (a timer retry, two hosts) sends only what is missing. Azure runs it on a timer, LocalHost in a loop.
/// </summary>
public sealed partial class DailyDigestJob
{
    public const string TableName = "Digests";
    public const string WebhookClientName = "digest-webhook";
    private const string Partition = "digest";

    private readonly SignalFactsReader _signals;
    private readonly IEmailSender _mail;
    private readonly IHttpClientFactory _http;
    private readonly DocumentTable<DigestDelivery> _deliveries;
    private readonly IOptionsMonitor<DailyDigestOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DailyDigestJob(
        SignalFactsReader signals,
        IEmailSender mail,
        IHttpClientFactory http,
        DocumentTableFactory tables,
        IOptionsMonitor<DailyDigestOptions> options,
        TimeProvider time,
        ILogger<DailyDigestJob> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _signals = signals;
        _mail = mail;
        _http = http;
        _deliveries = tables.Open<DigestDelivery>(TableName);
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The day whose digest is due at <paramref name="now"/>: yesterday once <see cref="DailyDigestOptions.SendAfter"/> has passed, else none.</summary>
    public static DateOnly? DueDay(DateTimeOffset now, DailyDigestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return now.UtcDateTime.TimeOfDay >= options.SendAfter ? DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1) : null;
    }

    /// <summary>Sends yesterday's digest if it is due and not sent; the loop's and the timer's entry.</summary>
    public Task<DigestDelivery?> RunDueAsync(DurableTaskClient client, CancellationToken cancellationToken) =>
        DueDay(_time.GetUtcNow(), _options.CurrentValue) is { } day ? RunOnceAsync(client, day, cancellationToken) : Task.FromResult<DigestDelivery?>(null);

    /// <summary>Sends <paramref name="day"/>'s digest to whoever does not have it yet; returns where it now stands.</summary>
    public async Task<DigestDelivery?> RunOnceAsync(DurableTaskClient client, DateOnly day, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var key = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var delivery = (await _deliveries.GetAsync(Partition, key, cancellationToken))?.Value ?? new DigestDelivery(key, [], false, _time.GetUtcNow());
        var missing = options.Recipients.Where(r => !delivery.MailedTo.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        var webhookDue = options.WebhookUrl is not null && !delivery.WebhookPosted;
        if (missing.Count == 0 && !webhookDue)
        {
            return delivery;
        }

        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var signals = await _signals.ComputeAsync(client, from, from.AddDays(1), cancellationToken);
        var digest = DailyDigestRenderer.Render(signals, day);
        foreach (var recipient in missing)
        {
            var result = await _mail.SendAsync(new OutboundEmail(recipient, digest.Subject, digest.Text, RequestId(key, recipient), digest.Html), cancellationToken);
            if (result.Outcome == SendOutcome.Sent)
            {
                delivery = delivery with { MailedTo = [.. delivery.MailedTo, recipient], UpdatedAt = _time.GetUtcNow() };
                await _deliveries.UpsertAsync(Partition, key, delivery, cancellationToken);
            }
            else
            {
                LogNotSent(key, "mail", result.Reason);
            }
        }

        if (webhookDue)
        {
            var posted = await PostAsync(options.WebhookUrl!, digest.Text, cancellationToken);
            if (posted is null)
            {
                delivery = delivery with { WebhookPosted = true, UpdatedAt = _time.GetUtcNow() };
                await _deliveries.UpsertAsync(Partition, key, delivery, cancellationToken);
            }
            else
            {
                LogNotSent(key, "webhook", posted);
            }
        }

        return delivery;
    }

    /// <summary>Teams' and Slack's incoming webhooks both take <c>{"text": …}</c>; null when it answered 2xx.</summary>
    private async Task<string?> PostAsync(Uri url, string text, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.CreateClient(WebhookClientName).PostAsJsonAsync(url, new { text }, cancellationToken);
            return response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ex.GetType().Name;
        }
    }

    /// <summary>The same request id for the same day and recipient, so a provider that dedupes on it sends once.</summary>
    private static Guid RequestId(string day, string recipient) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"digest\n{day}\n{recipient.ToLowerInvariant()}"))[..16]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest of {Day} not sent by {Channel} ({Reason}); the next run tries again")]
    private partial void LogNotSent(string day, string channel, string reason);
}
