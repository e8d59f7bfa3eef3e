package dev.turnpike.store;

/** The document kinds Turnpike stores, and the scope each lives in. */
public final class Kinds {
  /** Scope "": one per account. */
  public static final String ACCOUNT = "account";

  /**
   * Account {@code global}, scope "": account name → {@code {"accountId"}}, created with the
   * account so two nodes of a cluster creating the same name at once conflict instead of making two
   * accounts (accounts created before it exist have none; they are found by name).
   */
  public static final String ACCOUNT_NAME = "account-name";

  /** Scope "": access key id → {@link dev.turnpike.model.AccessKey}. */
  public static final String ACCESS_KEY = "access-key";

  /** Scope "": REST API id → {@link dev.turnpike.model.RestApi}. */
  public static final String REST_API = "rest-api";

  /** Scope = API id: resource id → {@link dev.turnpike.model.Resource} (methods embedded). */
  public static final String RESOURCE = "resource";

  /** Scope = API id: deployment id → {@link dev.turnpike.model.Deployment}. */
  public static final String DEPLOYMENT = "deployment";

  /**
   * Scope = API id: deployment id → {@link dev.turnpike.model.DeployedApi} (what the deployment
   * froze).
   */
  public static final String DEPLOYED_API = "deployed-api";

  /** Scope = API id: stage name → {@link dev.turnpike.model.Stage}. */
  public static final String STAGE = "stage";

  /**
   * Scope = API id: response type → {@link dev.turnpike.model.GatewayResponse} (customized ones
   * only).
   */
  public static final String GATEWAY_RESPONSE = "gateway-response";

  /** Scope "": API key id → {@link dev.turnpike.model.ApiKey}. */
  public static final String API_KEY = "api-key";

  /** Scope "": usage plan id → {@link dev.turnpike.model.UsagePlan}. */
  public static final String USAGE_PLAN = "usage-plan";

  /** Scope = usage plan id: API key id → {@link dev.turnpike.model.UsagePlanKey}. */
  public static final String USAGE_PLAN_KEY = "usage-plan-key";

  /**
   * Scope = usage plan id: API key id → {@link dev.turnpike.model.KeyUsage} (written without moving
   * the revision).
   */
  public static final String USAGE = "usage";

  /** Scope "": certificate id (the ARN's last part) → {@link dev.turnpike.model.AcmCertificate}. */
  public static final String ACM_CERTIFICATE = "acm-certificate";

  /** Scope "": domain name → {@link dev.turnpike.model.DomainName}. */
  public static final String DOMAIN_NAME = "domain-name";

  /**
   * Scope "": domain name → {@link dev.turnpike.model.DomainTruststore} (mutual TLS domains only).
   */
  public static final String DOMAIN_TRUSTSTORE = "domain-truststore";

  /**
   * Scope = domain name: base path or v2 API mapping key ("(none)" for the empty one) → {@link
   * dev.turnpike.model.BasePathMapping} (with its v2 {@code apiMappingId}; v1 and v2 share these
   * documents).
   */
  public static final String BASE_PATH_MAPPING = "base-path-mapping";

  /** Scope "": user name → {@link dev.turnpike.model.IamUser}. */
  public static final String IAM_USER = "iam-user";

  /** Scope "": role name → {@link dev.turnpike.model.IamRole}. */
  public static final String IAM_ROLE = "iam-role";

  /** Scope = user name: policy name → {@link dev.turnpike.model.IamPolicy} (inline). */
  public static final String IAM_USER_POLICY = "iam-user-policy";

  /** Scope = role name: policy name → {@link dev.turnpike.model.IamPolicy} (inline). */
  public static final String IAM_ROLE_POLICY = "iam-role-policy";

  /** Scope "": policy name → {@link dev.turnpike.model.IamPolicy} (managed). */
  public static final String IAM_POLICY = "iam-policy";

  /** Global, scope "": ASIA key id → {@link dev.turnpike.model.StsSession}. */
  public static final String STS_SESSION = "sts-session";

  /**
   * Scope "": function name → {@link dev.turnpike.model.LambdaFunction} (configuration and code
   * revision).
   */
  public static final String LAMBDA_FUNCTION = "lambda-function";

  /**
   * Scope "": function name → {@link dev.turnpike.model.LambdaPolicy} (the function's resource
   * policy, the statements AddPermission added).
   */
  public static final String LAMBDA_POLICY = "lambda-policy";

  /** Scope = API id: model id → {@link dev.turnpike.model.Model}. */
  public static final String MODEL = "model";

  /** Scope = API id: part id → {@link dev.turnpike.model.DocumentationPart}. */
  public static final String DOCUMENTATION_PART = "documentation-part";

  /** Scope = API id: validator id → {@link dev.turnpike.model.RequestValidator}. */
  public static final String REQUEST_VALIDATOR = "request-validator";

  /** Scope = API id: authorizer id → {@link dev.turnpike.model.Authorizer}. */
  public static final String AUTHORIZER = "authorizer";

  /**
   * Scope = API id: stage name → how many times FlushStageAuthorizersCache ran ({@code
   * {"count":n}}); the data plane's authorizer cache keys carry it.
   */
  public static final String AUTHORIZER_CACHE_FLUSH = "authorizer-cache-flush";

  /**
   * Scope function name: version number → {@link dev.turnpike.model.LambdaFunction} (the
   * configuration PublishVersion froze).
   */
  public static final String LAMBDA_VERSION = "lambda-version";

  /** Scope function name: alias name → {@link dev.turnpike.model.LambdaAlias}. */
  public static final String LAMBDA_ALIAS = "lambda-alias";

  /** Scope "": user pool id → {@link dev.turnpike.model.CognitoUserPool}. */
  public static final String COGNITO_USER_POOL = "cognito-user-pool";

  /**
   * Scope "": user pool id → {@link dev.turnpike.model.CognitoPoolSecrets} (signing and refresh
   * keys; sealed).
   */
  public static final String COGNITO_POOL_SECRETS = "cognito-pool-secrets";

  /**
   * Scope = user pool id: client id → {@link dev.turnpike.model.CognitoUserPoolClient} (sealed: it
   * may hold a client secret).
   */
  public static final String COGNITO_CLIENT = "cognito-user-pool-client";

  /**
   * Scope = user pool id: user name → {@link dev.turnpike.model.CognitoUser} (sealed: it holds a
   * password hash).
   */
  public static final String COGNITO_USER = "cognito-user";

  /**
   * Account {@code global}, scope "", id {@code ca}: the cluster's local CA, {@code {"certificate":
   * PEM, "key": PEM}} (sealed: it holds the CA's private key). Only a shared store has it; a single
   * node keeps its CA in its data directory.
   */
  public static final String LOCAL_CA = "local-ca";

  /**
   * Account {@code global}, scope "": node id → {@code {"adminUrl", "startedAt", "pid"}}, one per
   * running node of a cluster (written at start, removed at shutdown; a killed node's entry stays
   * until another node with its id starts), so a node can ask the others (cross-node {@code
   * explain}).
   */
  public static final String NODE = "node";

  /**
   * Scope "": HTTP API id → {@link dev.turnpike.model.HttpApi} (apigatewayv2, ProtocolType HTTP).
   */
  public static final String HTTP_API = "http-api";

  /** Scope = HTTP API id: route id → {@link dev.turnpike.model.HttpRoute}. */
  public static final String HTTP_ROUTE = "http-route";

  /** Scope = HTTP API id: integration id → {@link dev.turnpike.model.HttpIntegration}. */
  public static final String HTTP_INTEGRATION = "http-integration";

  /** Scope = HTTP API id: authorizer id → {@link dev.turnpike.model.HttpAuthorizer}. */
  public static final String HTTP_AUTHORIZER = "http-authorizer";

  /** Scope = HTTP API id: stage name → {@link dev.turnpike.model.HttpStage}. */
  public static final String HTTP_STAGE = "http-stage";

  /** Scope = HTTP API id: deployment id → {@link dev.turnpike.model.HttpDeployment}. */
  public static final String HTTP_DEPLOYMENT = "http-deployment";

  /**
   * Scope = HTTP API id: deployment id → {@link dev.turnpike.model.HttpDeployment.Frozen} (what the
   * deployment froze).
   */
  public static final String HTTP_DEPLOYED_API = "http-deployed-api";

  private Kinds() {}
}
