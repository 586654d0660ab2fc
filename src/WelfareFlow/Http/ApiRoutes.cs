using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using WelfareFlow.Http.OpenApi;

namespace WelfareFlow.Http;

/// <summary>The HTTP contract of DESIGN §5 on an ASP.NET Core route builder (the Server). The Functions
/// app routes the same paths to the same handlers through its triggers.</summary>
public static class ApiRoutes
{
    public static IEndpointRouteBuilder MapWelfareFlowApi(this IEndpointRouteBuilder app)
    {
        var rounds = app.MapGroup("/api/rounds");
        rounds.WithWelfareFlowOpenApi();
        rounds.MapPost("/", RoundEndpoints.Create);
        rounds.MapGet("/{roundId}", RoundEndpoints.Get);
        rounds.MapPost("/{roundId}/close-submissions", RoundEndpoints.CloseSubmissions);
        rounds.MapPost("/{roundId}/publish", RoundEndpoints.Publish);
        rounds.MapPut("/{roundId}/cases/{districtId}", CaseEndpoints.PutCase);
        rounds.MapPut("/{roundId}/cases/{districtId}/scores/{judgeId}", CaseEndpoints.PutScore);
        rounds.MapPost("/{roundId}/special-awards", ResultEndpoints.AddSpecialAward);
        rounds.MapGet("/{roundId}/results", ResultEndpoints.Get);
        rounds.MapPost("/{roundId}/districts/{districtId}/reissue-link", OperatorActionEndpoints.ReissueDistrictLink);
        rounds.MapPost("/{roundId}/judges/{judgeId}/reissue-link", OperatorActionEndpoints.ReissueJudgeLink);
        rounds.MapPost("/{roundId}/judges/{judgeId}/replace", OperatorActionEndpoints.ReplaceJudge);
        rounds.MapPost("/{roundId}/extend-deadline", OperatorActionEndpoints.ExtendDeadline);
        rounds.MapPost("/{roundId}/cases/{districtId}/proceed", OperatorActionEndpoints.Proceed);
        rounds.MapRecusals();
        rounds.MapPresentationDay();
        app.MapManagementApi();
        return app;
    }
}
