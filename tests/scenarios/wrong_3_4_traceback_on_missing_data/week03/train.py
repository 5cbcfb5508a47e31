# scenario: patch
def main(argv=None):
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    table = pd.read_parquet(args.data)  # no check first: a wrong path ends in a traceback
    X, y = table.drop(columns="churn"), table["churn"].to_numpy(dtype=bool)
    folds = StratifiedKFold(N_FOLDS, shuffle=True, random_state=args.seed)
    proba = cross_val_predict(build_pipeline(), X, y, cv=folds, method="predict_proba")[:, 1]
    threshold = choose_threshold(y, proba)
    metrics = {"roc_auc": roc_auc_score(y, proba), "pr_auc": average_precision_score(y, proba)}
    pipeline = build_pipeline().fit(X, y)
    save_model(pipeline, args.out, data_path=args.data, metrics=metrics, threshold=threshold)
    return 0
