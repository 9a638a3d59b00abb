using Connectors.Core.Hosting;
using Connectors.Core.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Connectors.LocalHost;

/// <summary>
/// Builds the ASP.NET Core host of Core's handlers: the local and end-to-end stand-in for the
/// Functions app. Configuration: local.settings(.sample).json "Values", then environment variables,
/// then command-line arguments, then <c>overrides</c> (tests).
/// <c>configureServices</c> runs last, so tests can replace a port's adapter (never Core's decisions).
/// </summary>
public static class LocalHostApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Create(string[] args, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        var settingsFile = LocalSettings.Find(Directory.GetCurrentDirectory()) ?? LocalSettings.Find(AppContext.BaseDirectory);
        if (settingsFile is not null)
        {
            builder.Configuration.AddInMemoryCollection(LocalSettings.Load(settingsFile));
        }

        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.WebHost.UseUrls(builder.Configuration["LocalHost:Urls"] ?? DefaultUrl);
        builder.Services.AddConnectors(builder.Configuration);
        builder.Services.AddLocalHostAdapters(builder.Configuration);
        builder.Services.AddLocalHostApiKey(builder.Configuration);
        builder.Services.AddLocalHostOpenApi();

        // An agent link's token travels in the request path, and ASP.NET Core puts the path on every log line of the request
        // (as its request line and as a scope); links are never logged, so the framework's per-request chatter stays off.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddLocalHostTelemetry();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteProblemAsync,
            // A caller's mistake (a 4xx problem) is an answer, not an incident; ProblemResults logs the 5xx ones.
            SuppressDiagnosticsCallback = context => ProblemResults.FromException(context.Exception).Status < 500,
        });
        // 404 (no route) and 405 (a route without that method) come from routing with no body; Core writes their problem.
        app.UseStatusCodePages(context => ProblemResults.WriteStatusCodeAsync(context.HttpContext));
        app.UseMiddleware<RequestRecordMiddleware>();
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapConnectorsEndpoints();
        app.MapLocalHostOpenApi();
        return app;
    }

    /// <summary>The one place LocalHost turns an escaped exception into problem details.</summary>
    private static async Task WriteProblemAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error ?? new InvalidOperationException("unknown");
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalHostApp));
        await ProblemResults.WriteAsync(context, exception, logger);
    }
}
