using Connectors.Core.Calls;
using Azure.Core;
using Azure.Identity;
using Connectors.Core.Auth.Biometrics;
using Connectors.Core.Auth.Knowledge;
using Connectors.Core.Auth.Limits;
using Connectors.Core.Auth.Passcodes;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Auth.Senders.Acs;
using Connectors.Core.Auth.Senders.Graph;
using Connectors.Core.Auth.Senders.Twilio;
using Connectors.Core.Hosting;
using Connectors.Core.Observability;
using Connectors.Core.Retries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Authentication.Azure;

namespace Connectors.Core.Auth;

/// <summary>Registers the step-up methods (knowledge, one-time codes, biometric verdicts) and their senders.</summary>
public static class StepUpServiceCollectionExtensions
{
    public static IServiceCollection AddStepUpAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StepUpOptions>().Bind(configuration.GetSection(StepUpOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KnowledgeCheckOptions>().Bind(configuration.GetSection(KnowledgeCheckOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PasscodeOptions>().Bind(configuration.GetSection(PasscodeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BiometricOptions>().Bind(configuration.GetSection(BiometricOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<StepUpKeyring>();
        services.TryAddSingleton<AuthMetrics>();
        services.TryAddSingleton<AuthAttemptRecorder>();
        services.TryAddSingleton<Calls.CallAttemptLock>();
        services.TryAddSingleton<WindowedAttemptCounter>();
        services.AddCallSessions(configuration);
        services.TryAddSingleton<VerificationSubjectLoader>();
        services.TryAddSingleton<KnowledgeCheckService>();
        services.TryAddSingleton<PasscodeChallengeStore>();
        services.TryAddSingleton<PasscodeOutbox>();
        services.TryAddSingleton<PasscodeMessageCatalog>();
        services.TryAddSingleton<PasscodeSendService>();
        services.TryAddSingleton<PasscodeVerifyService>();
        services.AddRequestReplays(configuration);
        services.TryAddSingleton<BiometricVerdictService>();

        services.AddSmsSender(configuration);
        services.AddGraphEmailSender(configuration);
        return services;
    }

    /// <summary>The SMS provider <c>Sms:Provider</c> names; only its settings are bound and validated.</summary>
    private static void AddSmsSender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmsOptions>().Bind(configuration.GetSection(SmsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        // An unreadable value registers no provider; SmsOptions' binding then fails the start-up with the reason.
        SmsProvider? provider = Enum.TryParse<SmsProvider>(configuration[SmsOptions.SectionName + ":" + nameof(SmsOptions.Provider)], ignoreCase: true, out var parsed)
            ? parsed
            : null;
        switch (provider)
        {
            case SmsProvider.Twilio:
                services.AddOptions<TwilioSmsOptions>().Bind(configuration.GetSection(TwilioSmsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
                services.AddSenderPipeline<TwilioSmsOptions>(TwilioSmsSender.HttpClientName, o => o.Resilience, SenderRetrySafety.OnlyWhenNotReceived);
                services.AddSenderHttpClient(TwilioSmsSender.HttpClientName);
                services.TryAddSingleton<ISmsSender, TwilioSmsSender>();
                break;
            case SmsProvider.Acs:
                services.AddOptions<AcsSmsOptions>().Bind(configuration.GetSection(AcsSmsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
                services.AddSenderPipeline<AcsSmsOptions>(AcsSmsSender.HttpClientName, o => o.Resilience, SenderRetrySafety.Repeatable);
                services.AddSenderHttpClient(AcsSmsSender.HttpClientName)
                    .AddHttpMessageHandler(sp => new AcsRequestSigningHandler(sp.GetRequiredService<IOptions<AcsSmsOptions>>(), sp.GetRequiredService<TimeProvider>()));
                services.TryAddSingleton<ISmsSender, AcsSmsSender>();
                break;
            default:
                // SmsOptions' validation at start-up says what is missing.
                break;
        }
    }

    private static void AddGraphEmailSender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphMailOptions>().Bind(configuration.GetSection(GraphMailOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSenderPipeline<GraphMailOptions>(GraphEmailSender.HttpClientName, o => o.Resilience, SenderRetrySafety.OnlyWhenNotReceived);
        services.AddSenderHttpClient(GraphEmailSender.HttpClientName);
        // A token request changes nothing, so it may be retried on any transient failure.
        services.AddSenderPipeline<GraphMailOptions>(GraphClientCredentialsTokenProvider.HttpClientName, o => o.Resilience, SenderRetrySafety.Repeatable);
        services.AddSenderHttpClient(GraphClientCredentialsTokenProvider.HttpClientName);
        services.TryAddSingleton<GraphClientCredentialsTokenProvider>();
        services.TryAddKeyedSingleton<IAuthenticationProvider>(GraphEmailSender.AuthenticationKey, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<GraphMailOptions>>().Value;
            if (options.UsesClientSecret)
            {
                return new BaseBearerTokenAuthenticationProvider(sp.GetRequiredService<GraphClientCredentialsTokenProvider>());
            }

            TokenCredential credential = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
            return new AzureIdentityAuthenticationProvider(credential, [options.BaseUrl.Host], null, isCaeEnabled: false, scopes: [options.Scope]);
        });
        services.TryAddSingleton<IEmailSender, GraphEmailSender>();
    }

    private static void AddSenderPipeline<TOptions>(this IServiceCollection services, string name, Func<TOptions, SenderResilienceOptions> shape, SenderRetrySafety safety)
        where TOptions : class =>
        services.TryAddKeyedSingleton(name, (sp, _) =>
            new SenderResiliencePipeline(name, shape(sp.GetRequiredService<IOptions<TOptions>>().Value), safety, sp.GetRequiredService<TimeProvider>()));

    /// <summary>A named client whose requests run through the sender's pipeline; the pipeline owns timeouts, and no header value is ever logged.</summary>
    private static IHttpClientBuilder AddSenderHttpClient(this IServiceCollection services, string name) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddLogger(sp => ActivatorUtilities.GetServiceOrCreateInstance<RedactedHttpClientLogger>(sp))
            .AddHttpMessageHandler(sp => new SenderResilienceHandler(sp.GetRequiredKeyedService<SenderResiliencePipeline>(name)));
}
