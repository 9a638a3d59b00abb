using Connectors.LocalHost;

var app = LocalHostApp.Create(args);
await app.RunAsync();
