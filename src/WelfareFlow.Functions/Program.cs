using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using WelfareFlow;
using WelfareFlow.Functions.Middleware;
using WelfareFlow.RateLimiting;

// The Azure Functions host: the same services as the Server; the durable engine and HTTP front door are the
// Functions runtime's (host.json), and the [Function] classes beside this file adapt its triggers to src/WelfareFlow.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// After ConfigureFunctionsWebApplication, so it runs inside the HTTP proxying middleware and sees the HttpContext.
builder.UseMiddleware<FaultAnswersMiddleware>();
builder.Services.AddWelfareFlowCore(builder.Configuration).TrustFunctionsHostProxy();
builder.Build().Run();
