# scenario: patch
def main(argv=None):
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not args.data.is_file():
        print(f"error: data file not found: {args.data}", file=sys.stderr)
        return 1
    table = pd.read_parquet(args.data)
    X, y = table.drop(columns="churn"), table["churn"].to_numpy(dtype=bool)
    pipeline = build_pipeline()
    folds = StratifiedKFold(N_FOLDS, shuffle=True, random_state=args.seed)
    # The mistake: cross_val_predict fits clones; `pipeline` itself is never fitted.
    proba = cross_val_predict(pipeline, X, y, cv=folds, method="predict_proba")[:, 1]
    threshold = choose_threshold(y, proba)
    metrics = {"roc_auc": roc_auc_score(y, proba), "pr_auc": average_precision_score(y, proba)}
    save_model(pipeline, args.out, data_path=args.data, metrics=metrics, threshold=threshold)
    return 0
