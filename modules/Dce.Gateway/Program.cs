using Dce.Gateway;
using Dce.Gateway.RateLimiting;
using Dce.Gateway.Routing;
using Dce.ServiceDefaults;
using Dce.ServiceDefaults.Authentication;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisClient(GatewayRedis.Name);
builder.AddDceAuthentication();
builder.AddGatewayRouting();
builder.AddSubjectRateLimiting();

var app = builder.Build();
// Unreachable middleware becomes 503 ProblemDetails here, ahead of the developer exception page.
app.UseExceptionHandler();
app.UseForwardedHeaders();
app.UseRequestIds();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
