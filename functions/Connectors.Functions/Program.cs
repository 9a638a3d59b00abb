using Connectors.Core.Hosting;
using Connectors.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Outermost, so a request refused with a problem is journalled with the problem's status.
builder.UseMiddleware<CallRequestRecordingMiddleware>();
builder.UseMiddleware<HttpProblemMiddleware>();
builder.Services.AddConnectors(builder.Configuration);
builder.Services.AddAzureFunctionsAdapters(builder.Configuration);
builder.Services.AddConnectorsTelemetry(builder.Configuration);
builder.Build().Run();
