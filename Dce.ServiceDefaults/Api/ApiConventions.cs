using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.ServiceDefaults.Api;

/// <summary>The API conventions every module shares: RFC 9457 ProblemDetails for every error, camelCase JSON with string enums, one OpenAPI document.</summary>
public static class ApiConventions
{
    /// <summary>Path of the service's OpenAPI document.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Registers ProblemDetails, the exception handler, the request body limit, JSON options and OpenAPI.</summary>
    public static IServiceCollection AddApiConventions(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
            if (context.ProblemDetails.Detail is null && context.HttpContext.Items[LimitedRequestBody.RefusalItem] is string refusal)
            {
                context.ProblemDetails.Detail = refusal;
            }
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DependencyUnavailableExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddOpenApi();
        services.AddTransient<IStartupFilter, ErrorPipelineStartupFilter>();
        services.AddOptions<RequestBodyLimitOptions>().BindConfiguration(RequestBodyLimitOptions.Section);
        services.AddTransient<IStartupFilter, RequestBodyLimitStartupFilter>();
        return services;
    }

    /// <summary>Maps the OpenAPI document, readable without a token.</summary>
    public static WebApplication MapOpenApiDocument(this WebApplication app)
    {
        app.MapOpenApi(OpenApiPath).AllowAnonymous();
        return app;
    }
}
